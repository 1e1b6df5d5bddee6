using System.Security.Cryptography;
using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Inventory;

/// <summary>
/// Takes dealers' stock snapshots, from any channel (the dealer service SubmitPartsInventory serves REST and SOAP; a
/// CSV channel builds a snapshot from its rows). A full
/// snapshot replaces the dealer's position; an incremental one applies to the head it names, or is refused as a gap.
/// The new head is stored atomically under the old one's ETag, so of two racing snapshots one wins and the other is
/// a gap. Then the stock alerts are brought up to date.
/// </summary>
public sealed class PartsInventory(IPartsInventoryStore store, StockAlerts alerts, TimeProvider clock)
{
    public const string SchemaName = "parts-inventory.v1";
    private const int Attempts = 3;

    public async Task<InventoryResult> SubmitAsync(Dealer dealer, InventorySnapshot snapshot, CancellationToken cancellationToken)
    {
        if (Check(snapshot) is { Count: > 0 } errors)
        {
            return InventoryResult.Invalid(errors);
        }

        var hash = Hash(snapshot);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await store.GetSnapshotAsync(dealer.Code, snapshot.SnapshotId, cancellationToken) is { } known)
            {
                return known.Hash == hash
                    ? new InventoryResult(InventoryResultKind.Accepted, known, Replayed: true)
                    : new InventoryResult(InventoryResultKind.Conflict, Code: PartsErrorCodes.SnapshotIdReused, Message: $"Snapshot {snapshot.SnapshotId} was already sent with other content.");
            }

            var head = await store.GetHeadAsync(dealer.Code, cancellationToken);
            if (snapshot.Kind == InventorySnapshot.Incremental && (head is null || head.SnapshotId != snapshot.PreviousSnapshotId))
            {
                return InventoryResult.Gap(head?.SnapshotId, snapshot.PreviousSnapshotId);
            }

            var position = snapshot.Kind == InventorySnapshot.Full ? Replace(snapshot) : Apply(await store.ReadPositionAsync(dealer.Code, head!, cancellationToken), snapshot);
            var now = clock.GetUtcNow();
            var next = new InventoryHead(snapshot.SnapshotId, (head?.Sequence ?? 0) + 1, snapshot.Kind, snapshot.AsOf, position.Parts.Count, now, snapshot.PreviousSnapshotId);
            var record = new SnapshotRecord(snapshot.SnapshotId, hash, next.Sequence, snapshot.Kind, snapshot.PreviousSnapshotId, snapshot.AsOf, snapshot.Parts.Count, position.Parts.Count, now);
            if (await store.TryCommitAsync(dealer.Code, head, next, record, position, cancellationToken))
            {
                await alerts.UpdateAsync(dealer.Code, position, cancellationToken);
                return new InventoryResult(InventoryResultKind.Accepted, record);
            }
        }

        throw new Workflow.DocumentBusyException("Snapshots for this dealer are arriving concurrently; try again.");
    }

    /// <summary>What the schema cannot say: one entry per part, aligned daily histories, no removals in a full snapshot.</summary>
    internal static List<ValidationError> Check(InventorySnapshot snapshot)
    {
        var errors = new List<ValidationError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < snapshot.Parts.Count; i++)
        {
            var part = snapshot.Parts[i];
            if (!seen.Add(part.PartNumber))
            {
                errors.Add(new($"/parts/{i}/partNumber", PartsErrorCodes.DuplicatePart, $"{part.PartNumber} appears twice in the snapshot."));
            }

            if (part.DailyDemand is { } history && ((history.LostSales?.Count ?? history.Sales.Count) != history.Sales.Count || (history.VorSales?.Count ?? history.Sales.Count) != history.Sales.Count))
            {
                errors.Add(new($"/parts/{i}/dailyDemand", PartsErrorCodes.DemandHistoryMismatch, "lostSales and vorSales need one value per day, as sales has."));
            }
        }

        if (snapshot.Kind == InventorySnapshot.Incremental && snapshot.PreviousSnapshotId is null)
        {
            errors.Add(new("/previousSnapshotId", PartsErrorCodes.PreviousSnapshotRequired, "An incremental snapshot names the snapshot it follows."));
        }

        if (snapshot.Kind == InventorySnapshot.Full && snapshot.RemovedParts is { Count: > 0 })
        {
            errors.Add(new("/removedParts", PartsErrorCodes.RemovedPartsInFull, "A full snapshot lists what is stocked; removedParts belong to incremental snapshots."));
        }

        return errors;
    }

    private static StockPosition Replace(InventorySnapshot snapshot) =>
        new(snapshot.AsOf, snapshot.Parts.ToDictionary(p => p.PartNumber, StringComparer.Ordinal));

    private static StockPosition Apply(StockPosition current, InventorySnapshot snapshot)
    {
        var parts = new Dictionary<string, StockPart>(current.Parts, StringComparer.Ordinal);
        foreach (var removed in snapshot.RemovedParts ?? [])
        {
            parts.Remove(removed);
        }

        foreach (var part in snapshot.Parts)
        {
            parts[part.PartNumber] = part;
        }

        return new StockPosition(snapshot.AsOf, parts);
    }

    private static string Hash(InventorySnapshot snapshot) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(snapshot, HubJson.Options)));
}
