using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>What an event or command does to an order's state: the new state, the errors that refuse it, or a duplicate.</summary>
internal sealed record StateChange(OrderState? State, IReadOnlyList<ValidationError> Errors, string? Duplicate = null)
{
    public static StateChange To(OrderState state) => new(state, []);

    public static StateChange Fail(IReadOnlyList<ValidationError> errors) => new(null, errors);

    public static StateChange Fail(string path, string code, string message) => new(null, [new ValidationError(path, code, message)]);

    /// <summary>Already recorded: kept on the timeline, nothing applied.</summary>
    public static StateChange Repeat(string name) => new(null, [], name);
}
