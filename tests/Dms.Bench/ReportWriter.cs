using System.Globalization;
using System.Text;
using Dms.DealerSimulator;

namespace Dms.Bench;

/// <summary>The benchmark report as Markdown (README's Performance section quotes it).</summary>
internal static class ReportWriter
{
    public static string Markdown(BenchReport r)
    {
        var m = r.Machine;
        var s = r.Saturation;
        var t = r.Steady;
        var b = r.Backlog;
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"# Dms benchmark");
        Line($"");
        Line($"{m["date"]} · commit {m["commit"]} · {m["cores"]} cores ({m["cpu"]}), {m["memoryGiB"]} GiB · {m["os"]} · {m["runtime"]} · Azurite {m["azurite"]} in memory");
        Line($"");
        Line($"Hub, Azurite, OEM simulator and dealer simulator share the machine. The hub runs the embedded transport with production-like settings; the OEM answers in 5 ms and decides claims 100–300 ms after accepting them. Dealers: 40 per phase (10% over SOAP), 5% invalid documents, 5% deliberate duplicates; every vehicle is an RDR followed by a claim.");
        Line($"");
        Line($"| | saturation | steady |");
        Line($"|---|---:|---:|");
        Line($"| target rate | as fast as accepted ({s.Simulation.Concurrency} senders) | {t.Simulation.TargetRate}/s |");
        Line($"| documents accepted (refused as invalid) | {s.Simulation.Accepted} ({s.Simulation.Refused}) | {t.Simulation.Accepted} ({t.Simulation.Refused}) |");
        Line($"| **accepted per second** | **{s.Simulation.AcceptedPerSecond}** | {t.Simulation.AcceptedPerSecond} |");
        Line($"| end to end (accepted → delivered, decided, notified; hub idle) per second | {s.EndToEndDocumentsPerSecond} | {t.EndToEndDocumentsPerSecond} |");
        Line($"| acknowledgement latency p50 / p95 / p99 / max (ms) | {Latency(s.Simulation.AckLatencyMs)} | {Latency(t.Simulation.AckLatencyMs)} |");
        Line($"| acceptance → OEM decision at the dealer's webhook p50 / p99 (ms) | {s.Simulation.DecisionLatencyMs.P50} / {s.Simulation.DecisionLatencyMs.P99} ({s.Simulation.ClaimsDecided}/{s.Simulation.ClaimsAccepted} claims) | {t.Simulation.DecisionLatencyMs.P50} / {t.Simulation.DecisionLatencyMs.P99} ({t.Simulation.ClaimsDecided}/{t.Simulation.ClaimsAccepted}) |");
        Line($"| duplicates answered as replays | {s.Simulation.DuplicatesReplayed}/{s.Simulation.DuplicatesSent} | {t.Simulation.DuplicatesReplayed}/{t.Simulation.DuplicatesSent} |");
        Line($"| errors by kind | {Errors(s.Simulation)} | {Errors(t.Simulation)} |");
        Line($"| hub CPU seconds per 1,000 documents | {s.HubCpuSecondsPer1000} | {t.HubCpuSecondsPer1000} |");
        Line($"| Azurite CPU seconds per 1,000 documents | {s.AzuriteCpuSecondsPer1000} | {t.AzuriteCpuSecondsPer1000} |");
        Line($"| hub peak working set (MB) / per 1,000 documents | {Mb(s.PeakWorkingSetBytes)} / {Mb(s.PeakWorkingSetBytes * 1000 / Math.Max(1, s.Simulation.Accepted))} | {Mb(t.PeakWorkingSetBytes)} / {Mb(t.PeakWorkingSetBytes * 1000 / Math.Max(1, t.Simulation.Accepted))} |");
        Line($"| storage round trips per document | {s.StorageRoundTripsPerDocument} ({Kinds(s)}) | {t.StorageRoundTripsPerDocument} |");
        Line($"");
        Line($"**Storage floor.** A plain `TableClient` doing the same {s.StorageRoundTripsPerDocument} round trips per document ({Kinds(s)}) with {s.Simulation.Concurrency} workers against the same Azurite: {r.Floor.DocumentsPerSecond} documents/s ({r.Floor.RoundTripsPerSecond} round trips/s). **Hub / floor = {r.HubToFloorRatio}** (end-to-end saturation rate ÷ floor rate).");
        Line($"");
        Line($"**Backlog.** The OEM was down for {b.OutageSeconds} s while {b.Accepted} documents arrived at {b.Simulation.TargetRate}/s (acknowledgement p50 / p99 {b.Simulation.AckLatencyMs.P50} / {b.Simulation.AckLatencyMs.P99} ms). After it came back the first delivery went out after {b.FirstDeliveryAfterRecoverySeconds} s (retry backoff, capped at 5 s) and the backlog drained in {b.DrainSeconds} s: **{b.DrainDocumentsPerSecond} deliveries/s**. Reconciliation: accepted {b.Reconciliation.Accepted} = delivered {b.Reconciliation.Delivered} + rejected {b.Reconciliation.Rejected} + dead-lettered {b.Reconciliation.DeadLettered}; effects for unknown documents {b.Reconciliation.EffectsForUnknownDocuments}, duplicate effects over the whole run {b.Reconciliation.DuplicateEffects}.");
        Line($"");
        Line($"| probe during the outage | samples | p50 (ms) | p99 (ms) | max (ms) | failures |");
        Line($"|---|---:|---:|---:|---:|---:|");
        foreach (var probe in b.Probes)
        {
            Line($"| {probe.Name} | {probe.Milliseconds.Count} | {probe.Milliseconds.P50} | {probe.Milliseconds.P99} | {probe.Milliseconds.Max} | {probe.Failures} |");
        }

        Line($"");
        Line($"Raw numbers: `report.json` beside this file. Reproduce with `./dms bench`.");
        return text.ToString();
    }

    private static string Latency(Percentiles p) => string.Create(CultureInfo.InvariantCulture, $"{p.P50} / {p.P95} / {p.P99} / {p.Max}");

    private static string Errors(SimulationResult r) => r.ErrorsByKind.Count == 0 ? "none" : string.Join(", ", r.ErrorsByKind.Select(e => $"{e.Key} ×{e.Value}"));

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("F0", CultureInfo.InvariantCulture);

    private static string Kinds(Phase phase) => string.Join(", ", phase.StoragePerDocument.Where(k => k.Value > 0).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value}")));
}
