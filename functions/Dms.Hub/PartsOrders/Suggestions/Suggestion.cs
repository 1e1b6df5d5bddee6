using System.Text.Json.Nodes;

namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>
/// A suggested stock order: every part evaluated, the lines to order with their explanation, the parts left out and
/// why, and the draft order(s) the dealer confirms. Stored so that it can be confirmed (once) while it is valid.
/// </summary>
public sealed record Suggestion
{
    public required string SuggestionId { get; init; }

    public required string DealerCode { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ValidUntil { get; init; }

    /// <summary>The snapshot it was computed from.</summary>
    public required string SnapshotId { get; init; }

    public required DateTimeOffset AsOf { get; init; }

    public required SuggestionParameters Parameters { get; init; }

    /// <summary>Stocked parts evaluated (after merging superseded parts into their successors).</summary>
    public required int Evaluated { get; init; }

    public required IReadOnlyList<SuggestedLine> Lines { get; init; }

    public required int SkippedCount { get; init; }

    /// <summary>The first skipped parts (at most <see cref="StockOrderSuggester.MaxSkippedListed"/>).</summary>
    public required IReadOnlyList<SkippedPart> Skipped { get; init; }

    /// <summary>The parts-order bodies the suggestion becomes (more than one when it has more lines than one order takes).</summary>
    public required IReadOnlyList<JsonObject> Drafts { get; init; }
}
