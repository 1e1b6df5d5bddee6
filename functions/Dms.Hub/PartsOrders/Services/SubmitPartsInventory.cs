using System.Text.Json.Nodes;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.Registry;
using Dms.Hub.Services;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Services;

/// <summary>A dealer's stock snapshot (full, or incremental after the latest one), on every channel.</summary>
internal sealed class SubmitPartsInventory(PartsInventory inventory, PartsPolicy policy, SchemaCatalog schemas) : DealerService
{
    public const string Path = "/parts-inventory";

    public override string Name => "SubmitPartsInventory";

    public override string Summary => "Send a stock snapshot (full, or incremental after the latest one)";

    public override string Description =>
        "A Full snapshot replaces the stock the hub holds for you; an Incremental one names the snapshot it follows in " +
        "previousSnapshotId. Answers the snapshot as stored (sequence, parts named, parts now stocked). Resending a snapshot " +
        "with the same snapshotId and content is answered as before (replayed); other content under a used snapshotId is " +
        "refused with SNAPSHOT_ID_REUSED (Conflict), an incremental snapshot that does not follow the latest one with " +
        "INVENTORY_SEQUENCE_GAP (Conflict, with the expected previousSnapshotId): send a full snapshot.";

    public override string Route => Path;

    public override string Tag => "Parts inventory";

    public override string RequestSchema => PartsInventory.SchemaName;

    public override string ReplySchema => "parts-inventory-snapshot.v1";

    public override int? MaxBodyBytes => policy.Options.MaxSnapshotBytes;

    public override string? IdempotencyMember => "snapshotId";

    public override bool ReadsRawBody => true;

    public override async Task<ServiceResult> HandleAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        if (!SnapshotReader.TryRead(schemas, request.Raw, out var snapshot, out var failure))
        {
            return ServiceResult.From(failure);
        }

        var result = await inventory.SubmitAsync(request.Dealer, snapshot, cancellationToken);
        return result.Kind switch
        {
            InventoryResultKind.Accepted => new ServiceResult(ServiceOutcome.Created, Reply(result.Snapshot!), Replayed: result.Replayed, Location: DocumentAction.ApiBase + Path),
            InventoryResultKind.SequenceGap => ServiceResult.Refused(ServiceOutcome.Conflict, result.Code!, "Snapshot out of sequence", result.Message!,
                new JsonObject { ["expectedPreviousSnapshotId"] = result.ExpectedPreviousSnapshotId }),
            InventoryResultKind.Conflict => ServiceResult.Refused(ServiceOutcome.Conflict, result.Code!, "Conflict", result.Message!),
            _ => ServiceResult.Invalid(result.Errors ?? [], result.Message ?? "The snapshot breaks one or more rules; see errors."),
        };
    }

    private static JsonObject Reply(SnapshotRecord record) => new()
    {
        ["snapshotId"] = record.SnapshotId,
        ["previousSnapshotId"] = record.PreviousSnapshotId,
        ["sequence"] = record.Sequence,
        ["kind"] = record.Kind,
        ["asOf"] = record.AsOf,
        ["partsInSnapshot"] = record.PartCount,
        ["stockedParts"] = record.StockedParts,
        ["receivedAt"] = record.ReceivedAt,
        ["links"] = new JsonObject { ["inventory"] = DocumentAction.ApiBase + Path, ["suggestions"] = DocumentAction.ApiBase + RequestPartsOrderSuggestion.Path },
    };
}
