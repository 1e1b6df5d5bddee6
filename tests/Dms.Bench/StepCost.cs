namespace Dms.Bench;

/// <summary>A lifecycle step of one document type in one phase: how often it ran and its round trips per run.</summary>
internal sealed record StepCost(string DocumentType, string Step, long Runs, double RoundTripsPerRun, IReadOnlyDictionary<string, double> ByKind);
