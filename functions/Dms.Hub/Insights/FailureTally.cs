using System.Globalization;

namespace Dms.Hub.Insights;

/// <summary>
/// The failure groups kept pre-counted: one counter row per error code, stage, destination, region, document type and
/// day of failure, holding how many of that day's failures are open per hour (<c>open@HH</c>) — so the Failures page
/// reads a table of groups × regions × types × days, not every open failure (≈ 42,000 at 1,000,000 documents).
/// </summary>
/// <remarks>
/// Why counters, kept like every HQ rollup: a document's open failures are part of its facts (<see cref="OpenSets"/>),
/// and a change adds exactly the new facts' tally minus the counted facts' tally, committed with the document's
/// receipt in one transaction (<see cref="ProjectionWriter"/>). A failure opening, a replay closing it, two replays
/// racing, or a projector stopped half-way and run again move a group's count exactly once — the same proof as the
/// other counters (<c>Recount</c> in the tests). Archiving is an operator's annotation, not a document change: the page
/// subtracts the archived failures that are still open (read whole, as the archived set always was).
/// </remarks>
public static class FailureTally
{
    /// <summary>The counter scope prefix of a failure group row (the rest: its code, stage, destination and region).</summary>
    public const string ScopePrefix = "f:";

    public const string OpenMetric = "open@";

    /// <summary>The tally rows one document's facts add to (one per open failure).</summary>
    public static IEnumerable<(CounterKey Key, string Metric)> Of(DocumentFacts facts) =>
        facts.Open.Where(e => e.Set == OpenEntry.Failures).Select(e => Failure.From(e)).Select(f => (Key(f), Metric(f.At)));

    public static CounterKey Key(Failure f) =>
        new(Scope(f.Code, f.Stage, f.Destination, f.Region), CounterGrain.Day, f.DocumentType, CounterGrains.Floor(f.At, CounterGrain.Day));

    public static string Metric(DateTimeOffset at) => OpenMetric + at.UtcDateTime.Hour.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>A group's scope: its parts escaped, so none holds the separator.</summary>
    public static CounterScope Scope(string code, string stage, string destination, string region) =>
        new(ScopePrefix + string.Join('|', new[] { code, stage, destination, region }.Select(Uri.EscapeDataString)));

    /// <summary>Reads a tally row back: one group's region, type and day with its open failures per hour.</summary>
    public static TallyRow Read(CounterRow row)
    {
        var parts = row.Key.Scope.Key[ScopePrefix.Length..].Split('|').Select(Uri.UnescapeDataString).ToArray();
        var hours = row.Values.Where(v => v.Key.StartsWith(OpenMetric, StringComparison.Ordinal) && v.Value != 0)
            .ToDictionary(v => int.Parse(v.Key.AsSpan(OpenMetric.Length), CultureInfo.InvariantCulture), v => v.Value);
        return new TallyRow(parts[0], parts[1], parts[2], parts[3], row.Key.DocumentType, row.Key.Bucket, hours);
    }
}

/// <summary>One group's open failures of one region, type and day, by hour of the day.</summary>
public sealed record TallyRow(string Code, string Stage, string Destination, string Region, string DocumentType, DateTimeOffset Day, Dictionary<int, long> Hours);
