using System.Text.Json.Nodes;

namespace Dms.Hub.Workflow;

/// <summary>One step in a document's life. <see cref="From"/>/<see cref="To"/> are set when the status changed.</summary>
public sealed record TimelineEntry(
    int Sequence,
    DateTimeOffset At,
    string Event,
    string? From,
    string? To,
    string Actor,
    string Channel,
    string? CorrelationId,
    JsonObject? Details);
