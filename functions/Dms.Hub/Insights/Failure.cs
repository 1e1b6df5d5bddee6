using System.Globalization;

namespace Dms.Hub.Insights;

/// <summary>One open failure: a dead-lettered delivery of a document.</summary>
/// <param name="Key">The dead letter's ID when known (what replay and archive act on), else tracking ID and delivery.</param>
public sealed record Failure(string Key, string? DeadLetterId, string TrackingId, string DocumentType, string DocumentNumber, string DealerCode, string Region,
    string Code, string Stage, string Destination, string Delivery, string Reason, DateTimeOffset At)
{
    /// <summary>The open-set entry this failure was read from (its identity; no data) — to ask whether it is still open.</summary>
    public OpenEntry Entry() => new(OpenEntry.Failures, $"{Code}|{Stage}|{Destination}|{OpenSets.Time(At)}", TrackingId, Delivery, new Dictionary<string, string>());

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
        MatchesGroup(f.Code, f.Stage, f.Destination, f.DocumentType) && (DealerCode is null || f.DealerCode == DealerCode)
        && (From is null || f.At >= From) && (To is null || f.At < To);

    /// <summary>The parts a failure group's tally row has: code, stage, destination, type.</summary>
    public bool MatchesGroup(string code, string stage, string destination, string documentType) =>
        (Code is null || code == Code) && (Stage is null || stage == Stage) && (Destination is null || destination == Destination)
        && (DocumentType is null || documentType == DocumentType);

    /// <summary>The filter names one group: its failures are one sort-key range of the open set.</summary>
    public string? GroupPrefix => Code is not null && Stage is not null && Destination is not null ? $"{Code}|{Stage}|{Destination}|" : null;
}

/// <param name="ToTheHour">First and last seen are the start of their hour (read from the tally), not the exact time.</param>
public sealed record FailureGroup(string Code, string Stage, string Destination, long Count, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<long> Sparkline, IReadOnlyList<string> DocumentTypes, bool ToTheHour = false);

/// <param name="Items">The failures behind the groups — all of them from <see cref="FailureGroups.ReadAsync"/>, the newest from <see cref="FailureGroups.SummaryAsync"/>.</param>
/// <param name="Capped">More failures are open than were read; the numbers are lower bounds.</param>
public sealed record FailureView(IReadOnlyList<FailureGroup> Groups, IReadOnlyList<Failure> Items, bool Capped)
{
    /// <summary>How many failures the groups hold.</summary>
    public long Total => Groups.Sum(g => g.Count);
}
