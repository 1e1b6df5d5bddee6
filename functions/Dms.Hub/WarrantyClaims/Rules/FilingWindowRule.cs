using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.Options;

namespace Dms.Hub.WarrantyClaims.Rules;

/// <summary>A claim must be filed within the window after the repair order closes. Resubmissions keep the original filing.</summary>
internal sealed class FilingWindowRule(IOptionsMonitor<WarrantyClaimOptions> options) : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var window = options.CurrentValue.FilingWindowDays;
        var days = context.Today.DayNumber - document.RepairOrder.ClosedOn.DayNumber;
        if (!context.IsResubmission && days > window)
        {
            errors.Add(new("/repairOrder/closedOn", ErrorCodes.SubmittedTooLate, $"Claims must be filed within {window} days of the repair order closing; this one is {days} days late."));
        }

        return ValueTask.CompletedTask;
    }
}
