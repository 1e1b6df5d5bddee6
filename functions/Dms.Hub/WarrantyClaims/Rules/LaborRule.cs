using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.Options;

namespace Dms.Hub.WarrantyClaims.Rules;

/// <summary>Claimed hours against the labor-operation catalogue (standard time + tolerance), and the hourly rate cap.</summary>
internal sealed class LaborRule(IOptionsMonitor<WarrantyClaimOptions> options) : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var policy = options.CurrentValue;
        for (var i = 0; i < document.LaborLines.Count; i++)
        {
            var line = document.LaborLines[i];
            var path = JsonPointer.Append("/laborLines", i);
            if (policy.LaborOperations.TryGetValue(line.OperationCode, out var standard))
            {
                var allowed = standard * (1 + (policy.LaborHoursTolerancePercent / 100m));
                if (line.Hours > allowed)
                {
                    errors.Add(new(path + "/hours", ErrorCodes.ExcessiveLaborHours, $"{line.Hours} h exceeds the standard {standard} h for {line.OperationCode} (+{policy.LaborHoursTolerancePercent}%)."));
                }
            }
            else if (policy.RequireKnownLaborOperations)
            {
                errors.Add(new(path + "/operationCode", ErrorCodes.UnknownLaborOperation, $"Labor operation {line.OperationCode} is not in the catalogue."));
            }

            if (policy.MaxLaborRates.TryGetValue(line.Rate.Currency, out var maxRate) && line.Rate.Amount > maxRate)
            {
                errors.Add(new(path + "/rate/amount", ErrorCodes.ExcessiveLaborRate, $"The labor rate exceeds the maximum of {maxRate} {line.Rate.Currency} minor units per hour."));
            }
        }

        return ValueTask.CompletedTask;
    }
}
