using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.Options;

namespace Dms.Hub.RetailDeliveries.Rules;

internal sealed class ReportVinRule(IOptionsMonitor<RetailDeliveryOptions> options) : IRule<RetailDeliveryReport>
{
    public ValueTask CheckAsync(RetailDeliveryReport document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (options.CurrentValue.RequireVinCheckDigit && !Vin.HasValidCheckDigit(document.Vin))
        {
            errors.Add(new("/vin", ErrorCodes.InvalidVin, "The VIN's check digit (9th character) does not match."));
        }

        return ValueTask.CompletedTask;
    }
}
