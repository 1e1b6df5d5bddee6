using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Sales;

namespace Dms.Functions.Http;

/// <summary>A sales breakdown as JSON, or as CSV (RFC 4180, dealer-supplied text neutralised against formula injection).</summary>
internal static class HqSalesViews
{
    private static readonly string[] MeasureColumns = ["units", "sold", "unwound", "last_year_units", "change_on_last_year"];

    public static JsonObject Json(SalesReport report)
    {
        var q = report.Query;
        var format = q.Granularity == SalesGranularity.Day ? "yyyy-MM-dd" : "yyyy-MM";
        return new JsonObject
        {
            ["basis"] = q.Basis,
            ["granularity"] = q.Granularity == SalesGranularity.Day ? "day" : "month",
            ["from"] = q.From.ToString(format, CultureInfo.InvariantCulture),
            ["to"] = q.To.ToString(format, CultureInfo.InvariantCulture),
            ["groupBy"] = new JsonArray(q.GroupBy.Select(g => (JsonNode)JsonValue.Create(g)).ToArray()),
            ["filters"] = new JsonObject(q.Filters.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
            ["scope"] = new JsonObject { ["region"] = q.Scope.Region },
            ["rows"] = new JsonArray(report.Rows.Select(r => (JsonNode)Row(r, q.GroupBy)).ToArray()),
            ["total"] = Row(report.Total, []),
            ["lagBuckets"] = new JsonArray(SalesVector.LagBuckets.Select(b => (JsonNode)JsonValue.Create(b)).ToArray()),
        };
    }

    public static string Csv(SalesReport report)
    {
        var text = new StringBuilder();
        var lagColumns = SalesVector.LagBuckets.Select(b => "lag_days_" + b.Replace('-', '_').Replace("+", "_plus", StringComparison.Ordinal));
        text.Append(CsvText.Row(report.Query.GroupBy.Prepend("period").Concat(MeasureColumns).Concat(lagColumns)));
        foreach (var row in report.Rows.Append(report.Total))
        {
            text.Append(CsvText.Row(new[] { CsvText.Text(row.Period) }
                .Concat(row.Group.Select(CsvText.Text).Concat(Enumerable.Repeat(string.Empty, report.Query.GroupBy.Count - row.Group.Count)))
                .Concat([CsvText.Number(row.Units), CsvText.Number(row.Sold), CsvText.Number(row.Unwound), CsvText.Number(row.LastYearUnits), CsvText.Number(row.ChangeOnLastYear)])
                .Concat(row.Lag.Select(CsvText.Number))));
        }

        return text.ToString();
    }

    private static JsonObject Row(SalesFigure row, IReadOnlyList<string> groupBy)
    {
        var json = new JsonObject { ["period"] = row.Period };
        for (var i = 0; i < row.Group.Count; i++)
        {
            json[groupBy[i]] = row.Group[i];
        }

        json["units"] = row.Units;
        json["sold"] = row.Sold;
        json["unwound"] = row.Unwound;
        json["lastYearUnits"] = row.LastYearUnits;
        json["changeOnLastYear"] = row.ChangeOnLastYear;
        json["lag"] = new JsonObject(SalesVector.LagBuckets.Zip(row.Lag).Select(p => KeyValuePair.Create(p.First, (JsonNode?)p.Second)));
        return json;
    }
}
