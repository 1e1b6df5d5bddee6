using System.Globalization;
using Dms.Hub.Insights;
using Microsoft.AspNetCore.Http;

namespace Dms.Console.Internal;

/// <summary>The documents list's query string (filters, range, order, page), read the same way by the page and the CSV export.</summary>
public sealed record DocumentQuery(string? Text, DocumentFilter Filter, int PageSize, string? Page)
{
    public const int DefaultDays = 7;
    public static readonly string[] Outcomes = ["Delivered", "Pending", "Failed", "DeadLettered", "None"];
    public static readonly string[] Channels = ["rest", "soap", "batch", "demo"];

    public static DocumentQuery Read(IQueryCollection query, DateTimeOffset now)
    {
        string? Text(string name) => query[name].ToString() is { Length: > 0 and <= 200 } value ? value.Trim() : null;
        var to = Time(Text("to")) ?? CounterGrains.Floor(now, CounterGrain.Hour).AddHours(1);
        var from = Time(Text("from")) ?? to.AddDays(-DefaultDays);
        if (from >= to)
        {
            from = to.AddDays(-DefaultDays);
        }

        // A range is capped at a year so one request never walks an unbounded number of hour tables.
        if (to - from > TimeSpan.FromDays(366))
        {
            from = to.AddDays(-366);
        }

        var filter = new DocumentFilter(from, to, Text("type"), Text("status"), Text("dealer")?.ToUpperInvariant(), Text("region"), Text("channel"), Text("outcome"),
            Text("error")?.ToUpperInvariant(), query["awaiting"] == "true" ? true : null, query["sort"] == "oldest", SummaryFieldFilter.Parse(Text("field")));
        var size = int.TryParse(query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s is >= 10 and <= 200 ? s : 50;
        return new DocumentQuery(Text("q"), filter, size, Text("page"));
    }

    /// <summary>ISO times (UTC), or dates and <c>datetime-local</c> values read as UTC.</summary>
    public static DateTimeOffset? Time(string? value) =>
        value is not null && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    /// <summary>The value a <c>datetime-local</c> input shows for a UTC time.</summary>
    public static string Local(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
}
