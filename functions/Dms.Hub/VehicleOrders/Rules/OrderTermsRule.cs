using System.Globalization;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.VehicleOrders.Rules;

/// <summary>
/// What the order type needs (a customer reference for Sold, a fleet account for Fleet, a priority in its range), and
/// dates: the requested delivery window lies in the future, the allocation month has not passed.
/// </summary>
internal sealed class OrderTermsRule(Func<VehicleOrderOptions> options) : IRule<VehicleOrder>
{
    public ValueTask CheckAsync(VehicleOrder order, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (order.OrderType == "Sold" && order.CustomerReference is null)
        {
            errors.Add(new("/customerReference", ErrorCodes.CustomerReferenceRequired, "A sold order needs the dealer's customer or deal reference."));
        }

        if (order.OrderType == "Fleet" && order.FleetAccount is null)
        {
            errors.Add(new("/fleetAccount", ErrorCodes.FleetAccountRequired, "A fleet order needs the fleet account number."));
        }

        if (order.Priority is { } priority && options().Priorities.TryGetValue(order.OrderType, out var range) && (priority < range.Min || priority > range.Max))
        {
            errors.Add(new("/priority", ErrorCodes.PriorityOutOfRange, $"{order.OrderType} orders take priorities {range.Min}–{range.Max}."));
        }

        if (order.RequestedDelivery is { } window)
        {
            if (window.Earliest <= context.Today)
            {
                errors.Add(new("/requestedDelivery/earliest", ErrorCodes.DeliveryWindowInPast, "The requested delivery window must start after today."));
            }

            if (window.Latest < window.Earliest)
            {
                errors.Add(new("/requestedDelivery/latest", ErrorCodes.InvalidDateRange, "The window ends before it starts."));
            }
        }

        if (string.CompareOrdinal(order.AllocationPeriod, context.Today.ToString("yyyy-MM", CultureInfo.InvariantCulture)) < 0)
        {
            errors.Add(new("/allocationPeriod", ErrorCodes.AllocationPeriodClosed, $"The allocation period {order.AllocationPeriod} has passed."));
        }

        return ValueTask.CompletedTask;
    }
}
