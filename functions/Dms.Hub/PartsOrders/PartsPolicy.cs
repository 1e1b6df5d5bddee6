using Microsoft.Extensions.Options;

namespace Dms.Hub.PartsOrders;

/// <summary>The current parts options with what is derived from them once (the business calendar).</summary>
public sealed class PartsPolicy(IOptionsMonitor<PartsOrderOptions> options)
{
    private Derived? _derived;

    public PartsOrderOptions Options => options.CurrentValue;

    public BusinessDays Calendar
    {
        get
        {
            var current = options.CurrentValue;
            if (_derived is { } known && ReferenceEquals(known.Options, current))
            {
                return known.Calendar;
            }

            var derived = new Derived(current, new BusinessDays(current.Calendar));
            _derived = derived;
            return derived.Calendar;
        }
    }

    /// <summary>When the depot must acknowledge an order of <paramref name="orderType"/> submitted at <paramref name="submittedAt"/>.</summary>
    public DateTimeOffset AckDueAt(string orderType, DateTimeOffset submittedAt) =>
        Calendar.AckDue(Options.AckDueFor(orderType), submittedAt);

    private sealed record Derived(PartsOrderOptions Options, BusinessDays Calendar);
}
