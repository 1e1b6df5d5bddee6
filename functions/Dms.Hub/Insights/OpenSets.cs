using System.Globalization;
using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>The open sets a document belongs to while their condition holds (see <see cref="OpenEntry"/>).</summary>
internal static class OpenSets
{
    public static List<OpenEntry> Of(DocumentRecord document, DocumentFacts facts)
    {
        var entries = new List<OpenEntry>();
        if (document.Deliveries.Where(d => d.Status == DeliveryStatus.Pending).Select(d => (DateTimeOffset?)d.CreatedAt).Min() is { } since)
        {
            entries.Add(new OpenEntry(OpenEntry.Undelivered, Time(since), facts.TrackingId, string.Empty, Common(facts)));
        }

        if (facts.AckDueAt is { } due)
        {
            entries.Add(new OpenEntry(OpenEntry.AwaitingAck, Time(due), facts.TrackingId, string.Empty, Common(facts)));
        }

        foreach (var delivery in document.Deliveries.Where(d => d.Status == DeliveryStatus.DeadLettered))
        {
            entries.Add(Failure(document, facts, delivery));
        }

        return entries;
    }

    /// <summary>Times as fixed-width UTC text, so row keys sort by time.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static OpenEntry Failure(DocumentRecord document, DocumentFacts facts, DeliveryRecord delivery)
    {
        // The latest dead-letter entry about this delivery carries the work item it left behind (the replayable unit).
        var entry = document.Timeline.LastOrDefault(e => e.Event == "DeliveryDeadLettered"
            && (e.Details?["delivery"]?.GetValue<string>() == delivery.Id || e.Details?["destination"]?.GetValue<string>() == delivery.Destination));
        var workId = entry?.Details?["workId"]?.GetValue<string>();
        var at = entry?.At ?? document.UpdatedAt;
        var code = FailureCodes.Classify(delivery.LastError);
        var data = Common(facts);
        data["stage"] = "deliver";
        data["destination"] = delivery.Destination;
        data["delivery"] = delivery.Id;
        data["code"] = code;
        data["at"] = Time(at);
        data["reason"] = delivery.LastError is { Length: > 300 } text ? text[..300] : delivery.LastError ?? string.Empty;
        if (workId is not null)
        {
            data["deadLetter"] = Work.DeadLetter.MakeId(document.DealerCode, workId);
        }

        return new OpenEntry(OpenEntry.Failures, $"{code}|deliver|{delivery.Destination}|{Time(at)}", facts.TrackingId, delivery.Id, data);
    }

    private static Dictionary<string, string> Common(DocumentFacts facts) => new(StringComparer.Ordinal)
    {
        ["dealer"] = facts.DealerCode,
        ["region"] = facts.Region,
        ["type"] = facts.DocumentType,
        ["tracking"] = facts.TrackingId,
        ["number"] = facts.DocumentNumber,
        ["status"] = facts.Status,
    };
}
