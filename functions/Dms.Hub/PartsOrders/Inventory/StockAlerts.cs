using System.Globalization;
using Dms.Hub.Alerts;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Hub.PartsOrders.Inventory;

/// <summary>
/// STOCK_BELOW_SAFETY, one alert per dealer and part: raised when the part's available stock (on hand less reserved,
/// superseded parts included) falls below its safety stock, cleared when it is back. Brought up to date after every
/// snapshot and by the nightly run; raising an open alert or clearing a cleared one changes nothing.
/// </summary>
public sealed class StockAlerts(PartMaster parts, PartsPolicy policy, BusinessAlerts alerts)
{
    public const string Code = "STOCK_BELOW_SAFETY";
    public const string SubjectType = "parts-inventory";

    public static AlertSubject Subject(string dealerCode, string partNumber) => new(dealerCode, SubjectType, $"{dealerCode}-stock-{partNumber}", partNumber);

    /// <summary>Raises and clears the dealer's stock alerts to match <paramref name="position"/>; returns how many parts are below safety stock.</summary>
    public async Task<int> UpdateAsync(string dealerCode, StockPosition position, CancellationToken cancellationToken)
    {
        if (!policy.Options.Alerts.StockBelowSafety)
        {
            return 0;
        }

        var (lines, _) = new StockOrderSuggester(parts).Evaluate(position, policy.Options.Suggestions.For(dealerCode));
        var below = lines.Where(l => l.BelowSafetyStock)
            .Select(l => (Subject: Subject(dealerCode, l.PartNumber), Message: Message(l)))
            .ToDictionary(b => b.Subject.Id, StringComparer.Ordinal);
        await alerts.ReconcileAsync(dealerCode, Code, "Stock below safety stock", SubjectType, below, "Available stock is back at or above the safety stock.", cancellationToken);
        return below.Count;
    }

    private static string Message(SuggestedLine line) => string.Create(CultureInfo.InvariantCulture,
        $"{line.PartNumber}: {line.Position.OnHand - line.Position.Reserved} available (on hand {line.Position.OnHand}, reserved {line.Position.Reserved}) is below the safety stock {line.SafetyStock} (daily demand {line.Demand.Mean} ± {line.Demand.Deviation}).");
}
