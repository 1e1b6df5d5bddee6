namespace Dms.Hub.Insights;

/// <summary>One counter row: a scope, a grain, a document type and (for hours and days) the bucket's start.</summary>
public sealed record CounterKey(CounterScope Scope, CounterGrain Grain, string DocumentType, DateTimeOffset Bucket);

/// <summary>A change to one counter of one row.</summary>
public sealed record CounterDelta(CounterKey Key, string Metric, long Delta);
