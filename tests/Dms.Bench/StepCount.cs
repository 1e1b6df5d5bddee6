namespace Dms.Bench;

/// <summary>A step's runs and round trips by kind so far (as the hub counts them).</summary>
internal sealed record StepCount(long Runs, IReadOnlyDictionary<string, long> RoundTrips);
