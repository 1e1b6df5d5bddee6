using System.Globalization;
using System.Text.Json.Nodes;

namespace Dms.Hub.Work;

/// <summary>A work item (with its ETag) as carried inside a work message.</summary>
internal static class WorkItemJson
{
    public static JsonObject Write(WorkItem item) => new()
    {
        ["id"] = item.Id,
        ["kind"] = item.Kind,
        ["dealer"] = item.DealerCode,
        ["documentType"] = item.DocumentType,
        ["trackingId"] = item.TrackingId,
        ["args"] = item.Args.DeepClone(),
        ["createdAt"] = Time(item.CreatedAt),
        ["dueAt"] = Time(item.DueAt),
        ["correlationId"] = item.CorrelationId,
        ["attempt"] = item.Attempt,
        ["lastError"] = item.LastError,
        ["leasedUntil"] = item.LeasedUntil is { } until ? Time(until) : null,
        ["etag"] = item.ETag,
    };

    /// <summary>The item, or null when the node is not a well-formed copy of the item <paramref name="workId"/>.</summary>
    public static WorkItem? Read(JsonNode? node, string kind, string dealerCode, string workId)
    {
        if (node is not JsonObject o || Text(o, "id") != workId || Text(o, "kind") != kind || Text(o, "dealer") != dealerCode
            || o["args"] is not JsonObject args || Text(o, "etag") is not { Length: > 0 } etag
            || ReadTime(o, "createdAt") is not { } createdAt || ReadTime(o, "dueAt") is not { } dueAt
            || o["attempt"] is not JsonValue attemptValue || !attemptValue.TryGetValue<int>(out var attempt) || attempt < 0)
        {
            return null;
        }

        return new WorkItem(workId, kind, dealerCode, Text(o, "documentType"), Text(o, "trackingId"), args.DeepClone().AsObject(), createdAt, dueAt,
            Text(o, "correlationId"), attempt, Text(o, "lastError"), ReadTime(o, "leasedUntil"), etag);
    }

    /// <summary>An item as recorded without an ETag (a <see cref="WorkJournal"/>'s member), or null when malformed.</summary>
    public static WorkItem? ReadRecorded(JsonNode? node)
    {
        if (node is not JsonObject o || Text(o, "id") is not { } id || Text(o, "kind") is not { } kind || Text(o, "dealer") is not { } dealer
            || o["args"] is not JsonObject args || ReadTime(o, "createdAt") is not { } createdAt || ReadTime(o, "dueAt") is not { } dueAt
            || o["attempt"] is not JsonValue attemptValue || !attemptValue.TryGetValue<int>(out var attempt) || attempt < 0)
        {
            return null;
        }

        return new WorkItem(id, kind, dealer, Text(o, "documentType"), Text(o, "trackingId"), args.DeepClone().AsObject(), createdAt, dueAt,
            Text(o, "correlationId"), attempt, Text(o, "lastError"), ReadTime(o, "leasedUntil"));
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? ReadTime(JsonObject o, string name) =>
        Text(o, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time.ToUniversalTime() : null;

    private static string? Text(JsonObject o, string name) =>
        o[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
