using Dms.Hub.Alerts;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Console.Internal;

/// <summary>
/// Everything the detail page shows about one document. Another region's document is answered exactly like a
/// missing one (null), whatever the URL says.
/// </summary>
public sealed class DocumentDetails(IListingStore listing, IDocumentStore documents, DocumentTypeRegistry types, ConsoleDirectory directory, DocumentSearch search, IAnnotationStore notes, IAlertStore alerts)
{
    public async Task<DocumentDetail?> LoadAsync(string trackingId, ViewScope scope, CancellationToken cancellationToken)
    {
        var id = trackingId.Trim().ToUpperInvariant();
        if (!TrackingIds.TryParse(id, out var dealerCode) || await directory.DealerAsync(dealerCode, scope, cancellationToken) is not { } dealer)
        {
            return null;
        }

        var facts = await listing.GetAsync(id, cancellationToken);
        var record = await ReadAsync(dealerCode, id, facts?.DocumentType, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var type = types.Get(record.DocumentType);
        var payloads = await Task.WhenAll(Enumerable.Range(1, record.ContentVersion).Select(v => documents.GetPayloadAsync(dealerCode, id, v, cancellationToken)));
        var vin = type.VinOf(record);
        var related = vin is null ? [] : (await search.SearchAsync(vin, scope, cancellationToken)).Hits.Where(h => h.Facts.TrackingId != id).ToList();
        var alertRows = await Task.WhenAll(type.AlertRules.Select(r => alerts.GetAsync(dealerCode, AlertRecord.MakeId(id, r.Code), cancellationToken)));
        return new DocumentDetail(record, facts, type, dealer, payloads.OfType<RawPayload>().ToList(), await notes.NotesAsync(Note.ForDocument(id), cancellationToken),
            alertRows.OfType<AlertRecord>().ToList(), related);
    }

    private async Task<DocumentRecord?> ReadAsync(string dealerCode, string trackingId, string? type, CancellationToken cancellationToken)
    {
        if (type is not null)
        {
            return await documents.GetAsync(dealerCode, type, trackingId, cancellationToken);
        }

        // Not projected yet (a document a second old): its type is one of the registry's few.
        foreach (var candidate in types.All)
        {
            if (await documents.GetAsync(dealerCode, candidate.Name, trackingId, cancellationToken) is { } found)
            {
                return found;
            }
        }

        return null;
    }
}

public sealed record DocumentDetail(
    DocumentRecord Record, DocumentFacts? Facts, DocumentType Type, Dealer Dealer, IReadOnlyList<RawPayload> Payloads, IReadOnlyList<Note> Notes,
    IReadOnlyList<AlertRecord> Alerts, IReadOnlyList<SearchHit> Related)
{
    /// <summary>Each delivery's attempts as the timeline recorded them, oldest first.</summary>
    public IEnumerable<(DeliveryRecord Delivery, IReadOnlyList<TimelineEntry> Attempts)> Deliveries() =>
        Record.Deliveries.Select(d => (d, (IReadOnlyList<TimelineEntry>)Record.Timeline.Where(e => AboutDelivery(e, d)).ToList()));

    public IEnumerable<TimelineEntry> OemEvents => Record.Timeline.Where(e => e.Channel == FactsBuilder.OemChannel);

    /// <summary>Status changes: each one was a notification to the dealer (mailbox, and a push when the dealer has a callback).</summary>
    public IEnumerable<TimelineEntry> Notifications => Record.Timeline.Where(e => e.From is not null && e.To is not null && e.From != e.To);

    /// <summary>Dead letters and their replays, in order: lineage from the original work to each replay.</summary>
    public IEnumerable<TimelineEntry> Lineage => Record.Timeline.Where(e => e.Event is "DeliveryDeadLettered" or "NotificationDeadLettered" or "WorkDeadLettered" or "Replayed");

    private static bool AboutDelivery(TimelineEntry entry, DeliveryRecord delivery) =>
        (entry.Event is "Delivered" or "DeliveryAttemptFailed" or "DeliveryFailed" or "DeliveryDeadLettered" or "Replayed" or "Routed")
        && (entry.Details?["delivery"]?.GetValue<string>() == delivery.Id
            || (entry.Details?["delivery"] is null && entry.Details?["destination"]?.GetValue<string>() == delivery.Destination
                && (entry.Details?["message"] is null || entry.Details?["message"]?.GetValue<string>() == delivery.MessageType)));
}
