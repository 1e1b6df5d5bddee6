using Dms.Hub.PartsOrders.Inventory;

namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>Daily demand of a part: mean d and standard deviation s, and what they were computed from.</summary>
/// <param name="Source">daily (history), twelve-month (totals; s = √d, Poisson), weekly-usage (s = √d), none, or mixed (parts merged by supersession).</param>
public sealed record DemandFigure(double Mean, double Deviation, int Days, string Source)
{
    public static DemandFigure None { get; } = new(0, 0, 0, "none");

    /// <summary>Demand of parts that replace each other (a part and those it supersedes): means and variances add up.</summary>
    public static DemandFigure Combine(IReadOnlyList<DemandFigure> figures) => figures.Count == 1
        ? figures[0]
        : new DemandFigure(
            figures.Sum(f => f.Mean),
            Math.Sqrt(figures.Sum(f => f.Deviation * f.Deviation)),
            figures.Max(f => f.Days),
            figures.Select(f => f.Source).Distinct().Count() == 1 ? figures[0].Source : "mixed");
}

/// <summary>
/// DOMAIN.md §3's demand figures. With a daily history: over the last W days it covers (ending on the snapshot's day),
/// each day's demand is sales less VOR sales plus lost sales; d is their mean and s their (population) standard
/// deviation. Without one: d from the twelve-month totals (sales − VOR sales + lost sales) / 365, or from the average
/// weekly usage / 7, and s = √d, as for Poisson demand (slow movers).
/// </summary>
public static class DemandStatistics
{
    public static DemandFigure Of(StockPart part, DateOnly asOf, int windowDays)
    {
        if (part.DailyDemand is { } history && Daily(history, asOf, windowDays) is { } daily)
        {
            return daily;
        }

        if (part.TwelveMonthSales is not null || part.TwelveMonthLostSales is not null)
        {
            var yearly = Math.Max(0, (part.TwelveMonthSales ?? 0) - (part.TwelveMonthVorSales ?? 0)) + (part.TwelveMonthLostSales ?? 0);
            var mean = yearly / 365.0;
            return new DemandFigure(mean, Math.Sqrt(mean), 365, "twelve-month");
        }

        if (part.AverageWeeklyUsage is { } weekly)
        {
            var mean = weekly / 7.0;
            return new DemandFigure(mean, Math.Sqrt(mean), 7, "weekly-usage");
        }

        return DemandFigure.None;
    }

    private static DemandFigure? Daily(DailyDemand history, DateOnly asOf, int windowDays)
    {
        var first = Math.Max(0, asOf.AddDays(1 - windowDays).DayNumber - history.From.DayNumber);
        var last = Math.Min(history.Sales.Count - 1, asOf.DayNumber - history.From.DayNumber);
        var days = last - first + 1;
        if (days <= 0)
        {
            return null;
        }

        double sum = 0, squares = 0;
        for (var i = first; i <= last; i++)
        {
            var demand = Math.Max(0, history.Sales[i] - At(history.VorSales, i)) + At(history.LostSales, i);
            sum += demand;
            squares += (double)demand * demand;
        }

        var mean = sum / days;
        var variance = Math.Max(0, (squares / days) - (mean * mean));
        return new DemandFigure(mean, Math.Sqrt(variance), days, "daily");
    }

    private static int At(IReadOnlyList<int>? values, int index) => values is not null && index < values.Count ? values[index] : 0;
}
