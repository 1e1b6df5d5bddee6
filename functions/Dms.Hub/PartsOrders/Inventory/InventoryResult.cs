using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Inventory;

public enum InventoryResultKind
{
    /// <summary>Stored as the new head (or, <see cref="InventoryResult.Replayed"/>, stored before).</summary>
    Accepted,
    Malformed,
    Invalid,

    /// <summary>An incremental snapshot that does not follow the head: a full one is needed.</summary>
    SequenceGap,

    /// <summary>The snapshot ID was used for other content.</summary>
    Conflict,
}

/// <summary>The protocol-neutral answer to a stock snapshot; REST (and later CSV and SOAP) map it their own way.</summary>
public sealed record InventoryResult(
    InventoryResultKind Kind,
    SnapshotRecord? Snapshot = null,
    IReadOnlyList<ValidationError>? Errors = null,
    string? Code = null,
    string? Message = null,
    bool Replayed = false,
    string? ExpectedPreviousSnapshotId = null)
{
    public static InventoryResult Invalid(IReadOnlyList<ValidationError> errors) =>
        new(InventoryResultKind.Invalid, Errors: errors, Code: "VALIDATION_FAILED", Message: "The snapshot breaks one or more rules; see errors.");

    public static InventoryResult Gap(string? head, string? previous) => new(
        InventoryResultKind.SequenceGap, Code: PartsErrorCodes.InventorySequenceGap, ExpectedPreviousSnapshotId: head,
        Message: head is null
            ? "The hub holds no snapshot for you yet: send a full snapshot (kind Full)."
            : $"This incremental snapshot follows {previous ?? "nothing"}, but the latest snapshot the hub holds is {head}: send a full snapshot (kind Full).");
}
