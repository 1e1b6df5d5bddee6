namespace Dms.Hub.Operations;

/// <summary>A lifecycle step's storage cost so far: runs, and round trips by kind over all runs.</summary>
public sealed record StepTraffic(string DocumentType, string Step, long Runs, IReadOnlyDictionary<string, long> RoundTrips)
{
    public long Total => RoundTrips.Values.Sum();
}
