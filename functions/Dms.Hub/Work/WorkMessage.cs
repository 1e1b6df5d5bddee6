using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.Hub.Work;

/// <summary>
/// What a transport carries: "try work item <see cref="WorkId"/> at <see cref="NotBefore"/>". The item itself stays
/// in storage, so a message is only a nudge — losing one delays work until the recovery sweep, a duplicate is
/// absorbed by the lease. A message may carry the item as stored (<see cref="Item"/>, with its ETag) so the runner
/// can lease it by a conditional update without reading it first; a stale copy only costs that read after all.
/// </summary>
/// <param name="Attempt">Attempts the item had counted when the message was sent.</param>
public sealed record WorkMessage(string Kind, string DealerCode, string WorkId, int Attempt, DateTimeOffset NotBefore)
{
    /// <summary>The item as stored under its <see cref="WorkItem.ETag"/> when the message was sent, if known.</summary>
    public WorkItem? Item { get; init; }

    /// <summary>
    /// How many times running the item was put off without an attempt (an outbound circuit open) since the attempt
    /// count last changed: part of the message ID, so each deferral's message is new to duplicate detection.
    /// </summary>
    public int Deferrals { get; init; }

    /// <summary>
    /// The item's lease was taken when it was created, by this process, for this message (in-process transports
    /// only): the runner may run it without leasing again. Never serialized — a message from a queue never owns a lease.
    /// </summary>
    public bool Claimed { get; init; }

    /// <summary>
    /// The transport's deduplication key. The first dispatch carries the bare work ID; a follow-up carries the attempt
    /// it follows (and the deferral, if it defers one), so a retry is never mistaken for a duplicate while the same
    /// follow-up sent twice (by a runner and by the recovery sweep) is.
    /// </summary>
    public string MessageId => (Attempt, Deferrals) switch
    {
        (0, 0) => WorkId,
        (_, 0) => $"{WorkId}.{Attempt.ToString(CultureInfo.InvariantCulture)}",
        _ => $"{WorkId}.{Attempt.ToString(CultureInfo.InvariantCulture)}.d{Deferrals.ToString(CultureInfo.InvariantCulture)}",
    };

    public WorkRef Ref => new(DealerCode, WorkId, NotBefore, Item, Claimed);

    /// <summary>The message that asks for the item's next attempt, when it is ready (carrying the item if its ETag is known).</summary>
    public static WorkMessage For(WorkItem item) =>
        new(item.Kind, item.DealerCode, item.Id, item.Attempt, item.ReadyAt) { Item = item.ETag is null ? null : item };

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = Kind,
            ["dealer"] = DealerCode,
            ["workId"] = WorkId,
            ["attempt"] = Attempt,
            ["notBefore"] = NotBefore.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        if (Deferrals > 0)
        {
            json["deferrals"] = Deferrals;
        }

        if (Item is not null)
        {
            json["item"] = WorkItemJson.Write(Item);
        }

        return json;
    }

    public override string ToString() => $"{Kind} {MessageId}";

    /// <summary>
    /// When to release a deferred message on a transport that counts whole seconds: <paramref name="notBefore"/>
    /// rounded up to the second, plus one for clock skew. A message must never arrive before its item is due — it
    /// would find nothing to do and leave the item to the recovery sweep.
    /// </summary>
    public static DateTimeOffset WholeSecondsAfter(DateTimeOffset notBefore)
    {
        var ticks = notBefore.UtcTicks;
        var partial = ticks % TimeSpan.TicksPerSecond;
        return new DateTimeOffset(ticks - partial + (partial == 0 ? 0 : TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
    }

    /// <summary>
    /// Reads a message body; null when it is not one of ours (wrong shape, unknown dealer code format, bad ID). A
    /// carried item that does not match the message is dropped (the runner then reads the row).
    /// </summary>
    public static WorkMessage? FromJson(JsonNode? node)
    {
        if (node is not JsonObject body
            || Text(body, "kind") is not { Length: > 0 and <= 32 } kind
            || Text(body, "dealer") is not { } dealer || !DealerCodes.IsValid(dealer)
            || Text(body, "workId") is not { } workId || !Ids.IsUlid(workId)
            || !TryCount(body, "attempt", out var attempt)
            || Text(body, "notBefore") is not { } notBeforeText
            || !DateTimeOffset.TryParse(notBeforeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var notBefore))
        {
            return null;
        }

        return new WorkMessage(kind, dealer, workId, attempt, notBefore.ToUniversalTime())
        {
            Deferrals = body["deferrals"] is null ? 0 : TryCount(body, "deferrals", out var deferrals) ? deferrals : 0,
            Item = WorkItemJson.Read(body["item"], kind, dealer, workId),
        };
    }

    public static WorkMessage? FromJson(string text)
    {
        try
        {
            return FromJson(JsonNode.Parse(text));
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static bool TryCount(JsonObject body, string name, out int count)
    {
        count = 0;
        return body[name] is JsonValue value && value.TryGetValue(out count) && count >= 0;
    }

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
