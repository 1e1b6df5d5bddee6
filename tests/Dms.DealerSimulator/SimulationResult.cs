using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Dms.DealerSimulator;

/// <summary>Nearest-rank percentiles of a sample, in milliseconds.</summary>
public sealed record Percentiles(int Count, double P50, double P95, double P99, double Max)
{
    public static Percentiles Of(IReadOnlyCollection<double> sample)
    {
        if (sample.Count == 0)
        {
            return new Percentiles(0, 0, 0, 0, 0);
        }

        var sorted = sample.Order().ToArray();
        double At(double p) => Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), Math.Round(sorted[^1], 1));
    }
}

/// <summary>What a run measured, as the dealers saw it.</summary>
public sealed record SimulationResult(
    int Dealers,
    int SoapDealers,
    double TargetRate,
    int Concurrency,
    long Submitted,
    int Accepted,
    long Refused,
    long DuplicatesSent,
    long DuplicatesReplayed,
    double IntakeSeconds,
    double AcceptedPerSecond,
    Percentiles AckLatencyMs,
    Percentiles DecisionLatencyMs,
    int ClaimsAccepted,
    int ClaimsDecided,
    long Notifications,
    IReadOnlyDictionary<string, long> RefusalsByCode,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyDictionary<string, long> RetriesByKind)
{
    /// <summary>Every acknowledged document, for reconciliation (not part of the JSON report).</summary>
    [JsonIgnore]
    public IReadOnlyCollection<AcceptedDocument> AcceptedDocuments { get; init; } = [];

    public static SimulationResult From(SimulationOptions options, Recorder recorder, DecisionInbox inbox, IReadOnlyList<AcceptedDocument> claims, double intakeSeconds, IReadOnlyList<SimDealer> dealers)
    {
        var decisions = new List<double>();
        foreach (var claim in claims)
        {
            if (inbox.TryGetDecision(claim.TrackingId, out var at))
            {
                decisions.Add(Stopwatch.GetElapsedTime(claim.AcceptedAt, at).TotalMilliseconds);
            }
        }

        return new SimulationResult(
            dealers.Count, dealers.Count(d => d.Channel is SoapChannel), options.Rate, options.Concurrency, recorder.Submitted, recorder.Accepted, recorder.Refused,
            recorder.DuplicatesSent, recorder.DuplicatesReplayed, Math.Round(intakeSeconds, 2), Math.Round(recorder.Accepted / intakeSeconds, 1),
            Percentiles.Of(recorder.AckMilliseconds), Percentiles.Of(decisions), claims.Count, decisions.Count, inbox.Notifications,
            recorder.RefusalsByCode, recorder.ErrorsByKind, recorder.RetriesByKind)
        {
            AcceptedDocuments = recorder.AcceptedDocuments,
        };
    }
}
