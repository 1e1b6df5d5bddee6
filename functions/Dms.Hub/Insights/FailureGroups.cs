using System.Globalization;

namespace Dms.Hub.Insights;

/// <summary>
/// Open failures (dead-lettered deliveries not replayed since) grouped by error code, stage and destination, with
/// count, first and last seen and a daily sparkline — and the dead letters behind a group, for replay.
/// </summary>
public sealed class FailureGroups(IOpenSetStore open, TimeProvider clock)
{
    public const int MaxRows = 20_000;
    public const int SparkDays = 14;

    public async Task<FailureView> ReadAsync(ViewScope scope, FailureFilter filter, IReadOnlySet<string> archived, CancellationToken cancellationToken)
    {
        var rows = await open.ReadAsync(OpenEntry.Failures, null, null, MaxRows, new OpenFilter(scope.Region, filter.DealerCode), cancellationToken);
        var visible = rows.Select(Failure.From).Where(f => scope.Covers(f.Region) && filter.Matches(f) && archived.Contains(f.Key) == filter.Archived).ToList();
        var today = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var groups = visible.GroupBy(f => (f.Code, f.Stage, f.Destination)).Select(g => new FailureGroup(
            g.Key.Code, g.Key.Stage, g.Key.Destination, g.Count(), g.Min(f => f.At), g.Max(f => f.At),
            Enumerable.Range(0, SparkDays).Select(d => (long)g.Count(f => f.At >= today.AddDays(d - SparkDays + 1) && f.At < today.AddDays(d - SparkDays + 2))).ToList(),
            g.Select(f => f.DocumentType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .OrderByDescending(g => g.Count).ToList();
        return new FailureView(groups, visible, rows.Count >= MaxRows);
    }
}

/// <summary>One open failure: a dead-lettered delivery of a document.</summary>
/// <param name="Key">The dead letter's ID when known (what replay and archive act on), else tracking ID and delivery.</param>
public sealed record Failure(string Key, string? DeadLetterId, string TrackingId, string DocumentType, string DocumentNumber, string DealerCode, string Region,
    string Code, string Stage, string Destination, string Delivery, string Reason, DateTimeOffset At)
{
    public static Failure From(OpenEntry entry)
    {
        var d = entry.Data;
        var deadLetter = d.GetValueOrDefault("deadLetter");
        return new Failure(deadLetter ?? $"{entry.TrackingId}:{entry.Id}", deadLetter, entry.TrackingId, d.GetValueOrDefault("type") ?? "", d.GetValueOrDefault("number") ?? "",
            d.GetValueOrDefault("dealer") ?? "", d.GetValueOrDefault("region") ?? "", d.GetValueOrDefault("code") ?? "UNKNOWN", d.GetValueOrDefault("stage") ?? "",
            d.GetValueOrDefault("destination") ?? "", entry.Id, d.GetValueOrDefault("reason") ?? "",
            DateTimeOffset.Parse(d.GetValueOrDefault("at") ?? "2000-01-01T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
    }
}

/// <summary>Which failures to show; every given part must hold.</summary>
public sealed record FailureFilter(string? Code = null, string? Stage = null, string? Destination = null, string? DocumentType = null, string? DealerCode = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, bool Archived = false)
{
    public bool Matches(Failure f) =>
        (Code is null || f.Code == Code) && (Stage is null || f.Stage == Stage) && (Destination is null || f.Destination == Destination)
        && (DocumentType is null || f.DocumentType == DocumentType) && (DealerCode is null || f.DealerCode == DealerCode)
        && (From is null || f.At >= From) && (To is null || f.At < To);
}

public sealed record FailureGroup(string Code, string Stage, string Destination, int Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<long> Sparkline, IReadOnlyList<string> DocumentTypes);

/// <param name="Capped">More failures are open than were read; the numbers are lower bounds.</param>
public sealed record FailureView(IReadOnlyList<FailureGroup> Groups, IReadOnlyList<Failure> Items, bool Capped);
