namespace Dms.Hub.Insights;

/// <summary>
/// What one document adds to one counter: <paramref name="Value"/> (1 for a count, minor units for an amount) to
/// <paramref name="Metric"/> in the time bucket of <paramref name="At"/> — or, with no time, to a gauge (a count of
/// documents as they stand now). <paramref name="Id"/> tells repeated events apart (the timeline sequence).
/// </summary>
/// <param name="Metric">Dot-separated, e.g. <c>received.rest</c>, <c>status.Accepted</c>, <c>amount.Paid.USD</c>.</param>
public sealed record Contribution(string Metric, DateTimeOffset? At, long Value = 1, string Id = "")
{
    public string Identity => $"{Metric}|{At?.UtcTicks}|{Id}";
}
