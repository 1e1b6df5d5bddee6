using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders.Inventory;

namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>
/// Builds a suggestion from a dealer's stock position: each stocked part is mapped to the part supplied today (a
/// superseded part's stock and demand count for its successor), unknown and discontinued parts are left out, and
/// each remaining part is evaluated with the dealer's parameters. VOR demand never counts; lost sales do.
/// </summary>
public sealed class StockOrderSuggester(PartMaster parts)
{
    public const int MaxSkippedListed = 200;

    /// <summary>Every part evaluated (quantity 0 included), the parts left out, in part number order.</summary>
    public (IReadOnlyList<SuggestedLine> Lines, IReadOnlyList<SkippedPart> Skipped) Evaluate(StockPosition position, SuggestionParameters parameters, IReadOnlySet<string>? only = null)
    {
        var groups = new Dictionary<string, (PartMasterEntry Part, List<StockPart> Stock)>(StringComparer.Ordinal);
        var skipped = new List<SkippedPart>();
        foreach (var stock in position.Parts.Values)
        {
            var current = parts.Current(stock.PartNumber);
            if (parts.Find(stock.PartNumber) is null)
            {
                skipped.Add(new(stock.PartNumber, PartsErrorCodes.UnknownPart, "Not in the OEM's part master."));
            }
            else if (current is null || current.Discontinued)
            {
                skipped.Add(new(stock.PartNumber, PartsErrorCodes.PartDiscontinued, current is null ? "Superseded by a part that cannot be supplied." : "Discontinued: sell the stock down, order nothing."));
            }
            else if (only is null || only.Contains(current.PartNumber!) || only.Contains(stock.PartNumber))
            {
                if (!groups.TryGetValue(current.PartNumber!, out var group))
                {
                    group = (current, []);
                    groups[current.PartNumber!] = group;
                }

                group.Stock.Add(stock);
            }
        }

        var asOf = DateOnly.FromDateTime(position.AsOf.UtcDateTime);
        var lines = groups.Values
            .Select(g => SuggestionCalculator.Calculate(g.Part, [.. g.Stock.OrderBy(s => s.PartNumber == g.Part.PartNumber ? 0 : 1).ThenBy(s => s.PartNumber, StringComparer.Ordinal)], asOf, parameters))
            .OrderBy(l => l.PartNumber, StringComparer.Ordinal)
            .ToList();
        return (lines, [.. skipped.OrderBy(s => s.PartNumber, StringComparer.Ordinal)]);
    }

    /// <summary>A suggestion with its draft orders (source suggested), split so that no order has more than <paramref name="maxLines"/> lines.</summary>
    public Suggestion Suggest(string dealerCode, InventoryHead head, StockPosition position, SuggestionParameters parameters, SuggestionDraft draft, DateTimeOffset now, TimeSpan validFor, int maxLines, IReadOnlySet<string>? only = null)
    {
        var (evaluated, skipped) = Evaluate(position, parameters, only);
        var lines = evaluated.Where(l => l.Quantity > 0).ToList();
        var id = Ids.NewUlid(now);
        var number = draft.OrderNumber ?? $"SUG-{now.UtcDateTime:yyyyMMdd}-{id[^6..]}";
        var drafts = lines.Chunk(maxLines).Select((chunk, i) => Draft(i == 0 ? number : $"{number}-{i + 1}", id, chunk, draft)).ToList();
        return new Suggestion
        {
            SuggestionId = id, DealerCode = dealerCode, CreatedAt = now, ValidUntil = now + validFor, SnapshotId = head.SnapshotId, AsOf = head.AsOf,
            Parameters = parameters, Evaluated = evaluated.Count, Lines = lines, SkippedCount = skipped.Count, Skipped = [.. skipped.Take(MaxSkippedListed)], Drafts = drafts,
        };
    }

    private static JsonObject Draft(string number, string suggestionId, IReadOnlyList<SuggestedLine> lines, SuggestionDraft draft)
    {
        var order = new JsonObject
        {
            ["dealerOrderNumber"] = number,
            ["orderType"] = PartsOrderTypes.Stock,
            ["source"] = "suggested",
            ["suggestionId"] = suggestionId,
            ["lines"] = new JsonArray([.. lines.Select((l, i) => (JsonNode)new JsonObject
            {
                ["lineNumber"] = i + 1, ["partNumber"] = l.PartNumber, ["quantity"] = l.Quantity, ["unitOfMeasure"] = l.UnitOfMeasure,
            })]),
        };
        if (draft.RequestedShipDate is { } ship)
        {
            order["requestedShipDate"] = ship.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (draft.ShipTo is { } shipTo)
        {
            order["shipTo"] = JsonSerializer.SerializeToNode(shipTo, HubJson.Options);
        }

        return order;
    }
}

/// <summary>What the draft order carries besides its lines.</summary>
public sealed record SuggestionDraft(string? OrderNumber = null, DateOnly? RequestedShipDate = null, ShipTo? ShipTo = null);
