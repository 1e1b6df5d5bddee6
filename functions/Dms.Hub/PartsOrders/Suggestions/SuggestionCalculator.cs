using System.Globalization;
using Dms.Hub.PartsOrders.Inventory;

namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>
/// The suggested-quantity formula of DOMAIN.md §3 for one part (and the superseded parts merged into it):
/// safety stock = Z·s·√L, reorder point = d·L + safety stock, order-up-to = reorder point + d·R, with L the lead time
/// plus half the review period; the dealer's min raises the reorder point, its max caps both. Quantity =
/// order-up-to − position, rounded up to whole packs, only when the position is at or below the reorder point.
/// </summary>
public static class SuggestionCalculator
{
    private const double Epsilon = 1e-9;

    /// <param name="stock">The part itself first (if stocked), then the parts it supersedes.</param>
    public static SuggestedLine Calculate(PartMasterEntry part, IReadOnlyList<StockPart> stock, DateOnly asOf, SuggestionParameters p)
    {
        var demand = DemandFigure.Combine(stock.Count == 0 ? [DemandFigure.None] : [.. stock.Select(s => DemandStatistics.Of(s, asOf, p.WindowDays))]);
        var own = stock.FirstOrDefault(s => s.PartNumber == part.PartNumber);
        var (min, max) = (own?.DealerMin, own?.DealerMax);
        var lead = p.EffectiveLeadTimeDays;
        var safety = p.ServiceFactor * demand.Deviation * Math.Sqrt(lead);
        var reorderPoint = (demand.Mean * lead) + safety;
        var orderUpTo = reorderPoint + (demand.Mean * p.ReviewPeriodDays);
        reorderPoint = Math.Max(reorderPoint, min ?? 0);
        orderUpTo = Math.Max(orderUpTo, reorderPoint);
        if (max is { } cap)
        {
            reorderPoint = Math.Min(reorderPoint, cap);
            orderUpTo = Math.Min(orderUpTo, cap);
        }

        var position = new PositionFigure(stock.Sum(s => s.OnHand), stock.Sum(s => s.Reserved), stock.Sum(s => s.OnOrder), stock.Sum(s => s.Backordered), stock.Sum(s => s.Position));
        var reorder = position.Total <= reorderPoint + Epsilon;
        var raw = reorder ? Math.Max(0, orderUpTo - position.Total) : 0;
        var quantity = raw <= Epsilon ? 0 : (int)Math.Ceiling((raw / part.PackSize) - Epsilon) * part.PackSize;
        return new SuggestedLine
        {
            PartNumber = part.PartNumber!, Description = part.Description, Quantity = quantity, PackSize = part.PackSize, UnitOfMeasure = part.UnitOfMeasure,
            Demand = Round(demand), LeadTimeDays = p.LeadTimeDays, ReviewPeriodDays = p.ReviewPeriodDays, EffectiveLeadTimeDays = lead,
            ServiceFactor = p.ServiceFactor, SafetyStock = Round(safety), ReorderPoint = Round(reorderPoint), OrderUpTo = Round(orderUpTo),
            DealerMin = min, DealerMax = max, Position = position, RawQuantity = Round(raw),
            Includes = [.. stock.Select(s => s.PartNumber).Where(n => n != part.PartNumber)],
            Explanation = Explain(reorder, position.Total, reorderPoint, orderUpTo, raw, quantity, part.PackSize),
            BelowSafetyStock = safety > Epsilon && position.OnHand - position.Reserved < safety - Epsilon,
        };
    }

    private static string Explain(bool reorder, int position, double reorderPoint, double orderUpTo, double raw, int quantity, int pack) =>
        !reorder ? $"Position {position} is above the reorder point {F(reorderPoint)}: nothing to order."
        : quantity == 0 ? $"Position {position} is at the reorder point {F(reorderPoint)} and already at the order-up-to level {F(orderUpTo)}: nothing to order."
        : $"Position {position} is at or below the reorder point {F(reorderPoint)}: order up to {F(orderUpTo)}, {F(raw)} units" +
          (pack > 1 ? $", rounded up to {quantity / pack} packs of {pack} = {quantity}." : $" = {quantity}.");

    private static DemandFigure Round(DemandFigure d) => d with { Mean = Round(d.Mean), Deviation = Round(d.Deviation) };

    private static double Round(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero);

    private static string F(double value) => Round(value).ToString("0.###", CultureInfo.InvariantCulture);
}
