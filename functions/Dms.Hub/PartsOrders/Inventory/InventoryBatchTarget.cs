using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Batches;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Inventory;

/// <summary>
/// Parts stock snapshots as a batch target (issues 11 and 12): a CSV file of one row per part, grouped by snapshot ID
/// into snapshots, checked and taken in by the same <see cref="PartsInventory"/> as <c>POST /api/v1/parts-inventory</c>
/// — a full snapshot replaces the position, an incremental one follows the head or is refused as a gap, the same
/// snapshot again is a replay. A snapshot with a bad row is refused whole by default (leaving a part out of a full
/// snapshot would say it is no longer stocked).
/// </summary>
internal sealed class InventoryBatchTarget(PartsInventory inventory) : IBatchTarget
{
    public const string TargetName = "parts-inventory";

    public string Name => TargetName;

    public string Title => "Parts stock snapshot";

    public string SchemaName => PartsInventory.SchemaName;

    public DocumentType? DocumentType => null;

    public BatchPolicy DefaultPolicy => BatchPolicy.RejectFile;

    /// <summary>Stock snapshots feed parts ordering: dealers enabled for parts orders send them.</summary>
    public bool MaySubmit(Dealer dealer) => dealer.MaySubmit(PartsOrderType.TypeName);

    public Task<IReadOnlyList<ValidationError>> CheckAsync(JsonObject body, Dealer dealer, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ValidationError>>(PartsInventory.Check(Read(body)));

    public async Task<BatchImportOutcome> ImportAsync(JsonObject body, Dealer dealer, string batchId, CancellationToken cancellationToken)
    {
        var result = await inventory.SubmitAsync(dealer, Read(body), cancellationToken);
        return result.Kind == InventoryResultKind.Accepted
            ? new BatchImportOutcome(true, result.Snapshot!.SnapshotId, result.Replayed)
            : new BatchImportOutcome(false, null, false, result.Code, result.Message, Errors(result));
    }

    private static InventorySnapshot Read(JsonObject body) => body.Deserialize<InventorySnapshot>(HubJson.Options)!;

    /// <summary>A gap or a reused ID concerns the snapshot as a whole: placed on its snapshot ID (or the previous one it names).</summary>
    private static IReadOnlyList<ValidationError>? Errors(InventoryResult result) => result.Kind switch
    {
        InventoryResultKind.SequenceGap => [new ValidationError("/previousSnapshotId", result.Code!, result.Message!)],
        InventoryResultKind.Conflict => [new ValidationError("/snapshotId", result.Code!, result.Message!)],
        _ => result.Errors,
    };
}
