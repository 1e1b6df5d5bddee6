using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.WarrantyClaims.Rules;

internal sealed class RepairOrderDatesRule : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var order = document.RepairOrder;
        if (order.ClosedOn < order.OpenedOn)
        {
            errors.Add(new("/repairOrder/closedOn", ErrorCodes.InvalidDateRange, "The repair order closes before it opens."));
        }

        if (order.ClosedOn > context.Today)
        {
            errors.Add(new("/repairOrder/closedOn", ErrorCodes.DateInFuture, "The repair order close date is in the future."));
        }

        return ValueTask.CompletedTask;
    }
}
