namespace Dms.Hub.Workflow;

/// <summary>Who caused an event, through which channel, under which correlation ID (the audit trail's "who").</summary>
public sealed record Actor(string Id, string Kind, string Channel, string? CorrelationId)
{
    public static Actor System(string? correlationId) => new("hub", "system", "system", correlationId);
}
