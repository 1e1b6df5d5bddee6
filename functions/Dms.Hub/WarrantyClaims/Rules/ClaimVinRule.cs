using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.Options;

namespace Dms.Hub.WarrantyClaims.Rules;

internal sealed class ClaimVinRule(IOptionsMonitor<WarrantyClaimOptions> options) : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.RequireVinCheckDigit && !Vin.HasValidCheckDigit(document.Vin))
        {
            errors.Add(new("/vin", ErrorCodes.InvalidVin, "The VIN's check digit (9th character) does not match."));
        }

        return ValueTask.CompletedTask;
    }
}
