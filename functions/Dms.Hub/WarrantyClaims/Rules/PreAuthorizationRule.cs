using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.Options;

namespace Dms.Hub.WarrantyClaims.Rules;

internal sealed class PreAuthorizationRule(IOptionsMonitor<WarrantyClaimOptions> options) : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var threshold = options.CurrentValue.PreAuthorizationThreshold;
        if (document.ClaimedTotal.Amount > threshold && string.IsNullOrEmpty(document.PreAuthorizationNumber))
        {
            errors.Add(new("/preAuthorizationNumber", ErrorCodes.UnauthorizedRepair, $"Claims above {threshold} minor units need a pre-authorization number."));
        }

        return ValueTask.CompletedTask;
    }
}
