namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>
/// One part of a suggestion with everything that decided it: demand (d, s), lead time L (+ R/2), safety stock
/// Z·s·√L, reorder point d·L + safety stock, order-up-to level reorder point + d·R (within the dealer's min/max),
/// the position (on hand − reserved + on order − customer backorders) and the quantity, rounded up to whole packs.
/// </summary>
public sealed record SuggestedLine
{
    public required string PartNumber { get; init; }

    public string? Description { get; init; }

    /// <summary>Units to order (0: none needed).</summary>
    public required int Quantity { get; init; }

    public required int PackSize { get; init; }

    public required string UnitOfMeasure { get; init; }

    public required DemandFigure Demand { get; init; }

    public required double LeadTimeDays { get; init; }

    public required double ReviewPeriodDays { get; init; }

    /// <summary>L + R/2, the exposure the reorder point covers.</summary>
    public required double EffectiveLeadTimeDays { get; init; }

    public required double ServiceFactor { get; init; }

    public required double SafetyStock { get; init; }

    public required double ReorderPoint { get; init; }

    public required double OrderUpTo { get; init; }

    public int? DealerMin { get; init; }

    public int? DealerMax { get; init; }

    public required PositionFigure Position { get; init; }

    /// <summary>Order-up-to level less position, before rounding to packs (0 when the position is above the reorder point).</summary>
    public required double RawQuantity { get; init; }

    /// <summary>Superseded parts whose stock and demand count for this part.</summary>
    public IReadOnlyList<string> Includes { get; init; } = [];

    /// <summary>The decision in words.</summary>
    public required string Explanation { get; init; }

    /// <summary>Available stock (on hand less reserved) below the safety stock.</summary>
    public bool BelowSafetyStock { get; init; }
}

public sealed record PositionFigure(int OnHand, int Reserved, int OnOrder, int Backordered, int Total);

/// <summary>A stocked part the suggestion leaves out, and why (UNKNOWN_PART, PART_DISCONTINUED ...).</summary>
public sealed record SkippedPart(string PartNumber, string Reason, string Message);
