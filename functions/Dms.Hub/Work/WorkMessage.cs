using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.Hub.Work;

/// <summary>
/// What a transport carries: "try work item <see cref="WorkId"/> at <see cref="NotBefore"/>". The item itself stays
/// in storage, so a message is only a nudge — losing one delays work until the recovery sweep, a duplicate is
/// absorbed by the lease.
/// </summary>
/// <param name="Attempt">Attempts the item had counted when the message was sent.</param>
public sealed record WorkMessage(string Kind, string DealerCode, string WorkId, int Attempt, DateTimeOffset NotBefore)
{
    /// <summary>
    /// The transport's deduplication key. The first dispatch carries the bare work ID; a follow-up carries the attempt
    /// it follows, so a retry is never mistaken for a duplicate while the same follow-up sent twice (by a runner and
    /// by the recovery sweep) is.
    /// </summary>
    public string MessageId => Attempt == 0 ? WorkId : $"{WorkId}.{Attempt.ToString(CultureInfo.InvariantCulture)}";

    public WorkRef Ref => new(DealerCode, WorkId, NotBefore);

    /// <summary>The message that asks for the item's next attempt, when it is ready.</summary>
    public static WorkMessage For(WorkItem item) => new(item.Kind, item.DealerCode, item.Id, item.Attempt, item.ReadyAt);

    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["dealer"] = DealerCode,
        ["workId"] = WorkId,
        ["attempt"] = Attempt,
        ["notBefore"] = NotBefore.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    };

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

    /// <summary>Reads a message body; null when it is not one of ours (wrong shape, unknown dealer code format, bad ID).</summary>
    public static WorkMessage? FromJson(JsonNode? node)
    {
        if (node is not JsonObject body
            || Text(body, "kind") is not { Length: > 0 and <= 32 } kind
            || Text(body, "dealer") is not { } dealer || !DealerCodes.IsValid(dealer)
            || Text(body, "workId") is not { } workId || !Ids.IsUlid(workId)
            || body["attempt"] is not JsonValue attemptValue || !attemptValue.TryGetValue<int>(out var attempt) || attempt < 0
            || Text(body, "notBefore") is not { } notBeforeText
            || !DateTimeOffset.TryParse(notBeforeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var notBefore))
        {
            return null;
        }

        return new WorkMessage(kind, dealer, workId, attempt, notBefore.ToUniversalTime());
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

    private static string? Text(JsonObject body, string name) =>
        body[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
