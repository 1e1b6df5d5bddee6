using System.Globalization;
using Dms.Hub.Dealers;
using Dms.Hub.Sales;

namespace Dms.Functions.Http;

/// <summary>Reads <c>GET /hq/sales</c>'s query string into a <see cref="SalesQuery"/>, or the problem with it.</summary>
internal static class HqSalesRequest
{
    private const int MaxDays = 366;
    private const int MaxMonths = 120;

    public static (SalesQuery? Query, IResult? Problem) Read(HttpContext context, HqScope scope, TimeProvider clock)
    {
        var q = context.Request.Query;
        var basis = q["basis"].ToString() is { Length: > 0 } b ? b : SalesDimensions.SaleBasis;
        if (!SalesDimensions.Bases.Contains(basis))
        {
            return Bad(context, "basis", "basis is sale (sale date) or delivery (delivery date).");
        }

        var granularityText = q["granularity"].ToString() is { Length: > 0 } g ? g : "month";
        if (granularityText is not ("day" or "month"))
        {
            return Bad(context, "granularity", "granularity is day or month.");
        }

        var granularity = granularityText == "day" ? SalesGranularity.Day : SalesGranularity.Month;
        var groupBy = q["groupBy"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (groupBy.Except(SalesDimensions.All).FirstOrDefault() is { } unknown || groupBy.Distinct().Count() != groupBy.Count)
        {
            return Bad(context, "groupBy", $"groupBy is a comma-separated list of distinct dimensions: {string.Join(", ", SalesDimensions.All)}.");
        }

        if (!TryRange(q["from"].ToString(), q["to"].ToString(), granularity, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), out var from, out var to, out var message))
        {
            return Bad(context, "from/to", message);
        }

        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var dimension in SalesDimensions.All)
        {
            if (q[dimension].ToString() is { Length: > 0 } value)
            {
                if (value.Length > 60)
                {
                    return Bad(context, dimension, $"{dimension} is too long.");
                }

                filters[dimension] = value;
            }
        }

        return (new SalesQuery(basis, granularity, groupBy, from, to, filters, scope), null);
    }

    /// <summary>Months as yyyy-MM (whole months), days as yyyy-MM-dd; defaults: the last 12 months, or the last 31 days.</summary>
    private static bool TryRange(string fromText, string toText, SalesGranularity granularity, DateOnly today, out DateOnly from, out DateOnly to, out string message)
    {
        var format = granularity == SalesGranularity.Month ? "yyyy-MM" : "yyyy-MM-dd";
        message = $"Use {format} for from and to (from ≤ to), at most {(granularity == SalesGranularity.Month ? MaxMonths + " months" : MaxDays + " days")} apart.";
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        from = granularity == SalesGranularity.Month ? thisMonth.AddMonths(-11) : today.AddDays(-30);
        to = granularity == SalesGranularity.Month ? thisMonth : today;
        if ((fromText.Length > 0 && !TryParse(fromText, format, out from)) || (toText.Length > 0 && !TryParse(toText, format, out to)) || from > to)
        {
            return false;
        }

        if (granularity == SalesGranularity.Month)
        {
            to = to.AddMonths(1).AddDays(-1);
            return (to.Year - from.Year) * 12 + to.Month - from.Month < MaxMonths;
        }

        return to.DayNumber - from.DayNumber < MaxDays;
    }

    private static bool TryParse(string text, string format, out DateOnly date)
    {
        var ok = DateOnly.TryParseExact(format == "yyyy-MM" ? text + "-01" : text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
        return ok && text.Length == format.Length;
    }

    private static (SalesQuery?, IResult?) Bad(HttpContext context, string parameter, string message) => (null, Problems.BadQuery(context, parameter, message));
}
