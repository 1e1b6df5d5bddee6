using System.Text.Json.Serialization;

namespace Dms.Hub.PartsOrders.Inventory;

/// <summary>One part of a dealer's stock (schemas/parts-inventory.v1.schema.json, <c>parts[]</c>).</summary>
public sealed record StockPart
{
    public required string PartNumber { get; init; }

    public required int OnHand { get; init; }

    public int Reserved { get; init; }

    public int OnOrder { get; init; }

    /// <summary>Units the dealer owes its own customers.</summary>
    public int Backordered { get; init; }

    public int? TwelveMonthSales { get; init; }

    public int? TwelveMonthLostSales { get; init; }

    public int? TwelveMonthVorSales { get; init; }

    public double? AverageWeeklyUsage { get; init; }

    public int? DealerMin { get; init; }

    public int? DealerMax { get; init; }

    public string? Bin { get; init; }

    public DailyDemand? DailyDemand { get; init; }

    /// <summary>On hand less reserved, plus on order, less what is owed to customers.</summary>
    [JsonIgnore]
    public int Position => OnHand - Reserved + OnOrder - Backordered;

    [JsonIgnore]
    public int Available => OnHand - Reserved;
}

/// <summary>Daily history from <see cref="From"/>, oldest first; <see cref="LostSales"/> and <see cref="VorSales"/> align with <see cref="Sales"/>.</summary>
public sealed record DailyDemand(DateOnly From, IReadOnlyList<int> Sales, IReadOnlyList<int>? LostSales = null, IReadOnlyList<int>? VorSales = null);

/// <summary>A dealer's stock snapshot as received (schemas/parts-inventory.v1.schema.json).</summary>
public sealed record InventorySnapshot
{
    public const string Full = "Full";
    public const string Incremental = "Incremental";

    public required string SnapshotId { get; init; }

    public string? PreviousSnapshotId { get; init; }

    /// <summary><see cref="Full"/> or <see cref="Incremental"/>.</summary>
    public required string Kind { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    public required IReadOnlyList<StockPart> Parts { get; init; }

    public IReadOnlyList<string>? RemovedParts { get; init; }
}

/// <summary>A dealer's stock as the hub holds it after the latest snapshot: every stocked part, by part number.</summary>
public sealed record StockPosition(DateTimeOffset AsOf, IReadOnlyDictionary<string, StockPart> Parts);

/// <summary>The latest snapshot the hub holds for a dealer: the head of its chain.</summary>
/// <param name="ETag">The store's concurrency token (the next snapshot replaces the head only if it is unchanged).</param>
/// <param name="PositionKey">Where the store keeps the position of this snapshot (the store's business).</param>
public sealed record InventoryHead(
    string SnapshotId, long Sequence, string Kind, DateTimeOffset AsOf, int PartCount, DateTimeOffset ReceivedAt, string? PreviousSnapshotId, string? ETag = null, string? PositionKey = null);

/// <summary>A snapshot the hub took, remembered so a resend is answered as before (same ID, same content) or refused (other content).</summary>
/// <param name="PartCount">Parts the snapshot named.</param>
/// <param name="StockedParts">Parts stocked after it was applied.</param>
public sealed record SnapshotRecord(
    string SnapshotId, string Hash, long Sequence, string Kind, string? PreviousSnapshotId, DateTimeOffset AsOf, int PartCount, int StockedParts, DateTimeOffset ReceivedAt);
