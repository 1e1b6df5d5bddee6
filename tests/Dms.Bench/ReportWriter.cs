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
        var (w, s, t, b) = (r.WarmUp, r.Saturation, r.Steady, r.Backlog);
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"# Dms benchmark");
        Line($"");
        Line($"{m["date"]} · commit {m["commit"]} · {m["cores"]} cores ({m["cpu"]}), {m["memoryGiB"]} GiB · {m["os"]} · {m["runtime"]} · Azurite {m["azurite"]} in memory");
        Line($"");
        Line($"Hub, Azurite, OEM simulator and dealer simulator share the machine. The hub runs the embedded transport with production-like settings; the OEM answers in 5 ms, decides claims 100–300 ms after accepting them, moves an order one stage every ~300 ms and ships parts as fast. **Mix:** {r.Mix}; 40 dealers per phase (10% over SOAP), half Aurora and half Borealis, 5% invalid documents, 5% deliberate duplicates.");
        Line($"");
        Goals(text, r);
        Line($"");
        Line($"| | saturation | steady |");
        Line($"|---|---:|---:|");
        Line($"| target rate | as fast as accepted ({s.Simulation.Concurrency} senders) | {t.Simulation.TargetRate}/s |");
        Line($"| documents accepted (refused as invalid) | {s.Simulation.Accepted} ({s.Simulation.Refused}) | {t.Simulation.Accepted} ({t.Simulation.Refused}) |");
        Line($"| **accepted per second** | **{s.Simulation.AcceptedPerSecond}** | {t.Simulation.AcceptedPerSecond} |");
        Line($"| end to end (accepted → delivered, decided, notified, projected: no work of the phase's dealers due, no change of theirs unprojected) per second | {s.EndToEndDocumentsPerSecond} | {t.EndToEndDocumentsPerSecond} |");
        Line($"| acknowledgement latency p50 / p95 / p99 / max (ms) | {Latency(s.Simulation.AckLatencyMs)} | {Latency(t.Simulation.AckLatencyMs)} |");
        Line($"| acceptance → OEM decision at the dealer's webhook p50 / p99 (ms) | {s.Simulation.DecisionLatencyMs.P50} / {s.Simulation.DecisionLatencyMs.P99} ({s.Simulation.ClaimsDecided}/{s.Simulation.ClaimsAccepted} claims) | {t.Simulation.DecisionLatencyMs.P50} / {t.Simulation.DecisionLatencyMs.P99} ({t.Simulation.ClaimsDecided}/{t.Simulation.ClaimsAccepted}) |");
        Line($"| duplicates answered as replays | {s.Simulation.DuplicatesReplayed}/{s.Simulation.DuplicatesSent} | {t.Simulation.DuplicatesReplayed}/{t.Simulation.DuplicatesSent} |");
        Line($"| errors by kind | {Errors(s.Simulation)} | {Errors(t.Simulation)} |");
        Line($"| hub CPU ms per document, from the phase's start until its documents settled (warm-up phase apart: {w.HubCpuMsPerDocument}; idle hub: {r.HubIdleCpuMsPerSecond} ms per second) | {s.HubCpuMsPerDocument} | {t.HubCpuMsPerDocument} |");
        Line($"| hub allocated KB / GC pause ms per document (warm-up: {w.HubAllocatedKbPerDocument} / {w.HubGcPauseMsPerDocument}) | {s.HubAllocatedKbPerDocument} / {s.HubGcPauseMsPerDocument} | {t.HubAllocatedKbPerDocument} / {t.HubGcPauseMsPerDocument} |");
        Line($"| Azurite CPU ms per document | {s.AzuriteCpuMsPerDocument} | {t.AzuriteCpuMsPerDocument} |");
        Line($"| hub peak working set (MB) | {Mb(s.PeakWorkingSetBytes)} | {Mb(t.PeakWorkingSetBytes)} |");
        Line($"| storage round trips per document | {s.StorageRoundTripsPerDocument} ({Kinds(s.StoragePerDocument)}) | {t.StorageRoundTripsPerDocument} ({Kinds(t.StoragePerDocument)}) |");
        Line($"");
        Line($"**Warm-up.** The hub is not compiled ahead of time (no ReadyToRun): the first {w.Simulation.Accepted} documents after start ran while the JIT compiled the code paths, at {w.HubCpuMsPerDocument} ms of hub CPU per document. That phase is measured on its own and excluded from the figures above.");
        Line($"");
        Line($"**Storage round trips per lifecycle step** (saturation phase; the hub's own count by document type and step, outcome after the colon). A document's life includes the work it causes: its effects (the HQ sales rollup is `effect:sales-rollup`) and its share of the console's read model (`insights:project`, the projector's batches shared among the documents projected, per type; `insights:project:region-copy` is the part of it that writes the region listing tables). Trips that belong to no document — the projector's lease and change-feed scans (`- insights:cycle`), the counter copies written per interval (`- insights:counter-copy`; `insights:dealer-copy` before session 19), the recovery sweep's scans, credential look-ups that missed the cache, the SOAP nonce inserts — come to {Unattributed(s)} per document, and count in the claim/RDR goal.");
        Line($"");
        Line($"| document type | documents | round trips per document (its steps, whole life) |");
        Line($"|---|---:|---:|");
        foreach (var (type, documents, trips) in Lives(s))
        {
            Line($"| {type} | {documents} | {trips} |");
        }

        Line($"");
        Line($"| document type | step | runs | round trips per run | by kind |");
        Line($"|---|---|---:|---:|---|");
        foreach (var step in s.Steps)
        {
            Line($"| {step.DocumentType} | {step.Step} | {step.Runs} | {step.RoundTripsPerRun} | {Kinds(step.ByKind)} |");
        }

        Line($"");
        Line($"**Storage floors** (a plain `TableClient`, {s.Simulation.Concurrency} workers, the same Azurite). Fixed minimum — {r.MinimalFloor.Definition}: **{r.MinimalFloor.DocumentsPerSecond} documents/s** ({r.MinimalFloor.RoundTripsPerSecond} round trips/s); **hub ÷ fixed floor = {r.HubToMinimalFloor}**. The hub's own round trips ({r.SameTripsFloor.RoundTripsPerDocument} per document, by kind as above): {r.SameTripsFloor.DocumentsPerSecond} documents/s; **hub ÷ same-trips floor = {r.HubToSameTripsFloor}** (end-to-end saturation rate ÷ floor rate). Both compare the four-type mix, whose vehicle orders are paced by the OEM simulator's stages, with a claim/RDR floor.");
        if (r.Pair is { } p)
        {
            Line($"");
            Line($"**Claim + RDR only** (what the fixed floor models; mix: per vehicle a retail-delivery-report then a warranty-claim for the same VIN, same senders, dealers, invalid and duplicate shares, right after the saturation phase): {p.Simulation.Accepted} accepted at **{p.Simulation.AcceptedPerSecond}/s**, end to end **{p.EndToEndDocumentsPerSecond}/s** ({p.EndToEndSeconds} s to an idle hub); {p.StorageRoundTripsPerDocument} storage round trips per document (every trip of the phase, unattributed ones included: {Kinds(p.StoragePerDocument)}); hub CPU {p.HubCpuMsPerDocument} ms, Azurite CPU {p.AzuriteCpuMsPerDocument} ms per document; acknowledgement p50 / p99 {p.Simulation.AckLatencyMs.P50} / {p.Simulation.AckLatencyMs.P99} ms. **Claim + RDR end to end ÷ fixed floor = {r.PairToMinimalFloor}**.");
        }
        Line($"");
        Line($"**Backlog.** The OEM was down for {b.OutageSeconds} s while {b.Accepted} documents arrived at {b.Simulation.TargetRate}/s (acknowledgement p50 / p99 {b.Simulation.AckLatencyMs.P50} / {b.Simulation.AckLatencyMs.P99} ms). After it came back the first delivery went out after {b.FirstDeliveryAfterRecoverySeconds} s (the destination's circuit lets a trial call through once its break is over) and the backlog drained in {b.DrainSeconds} s: **{b.DrainDocumentsPerSecond} deliveries/s = {r.DrainToSaturation} × the saturation rate**. Reconciliation: accepted {b.Reconciliation.Accepted} = delivered {b.Reconciliation.Delivered} + rejected {b.Reconciliation.Rejected} + dead-lettered {b.Reconciliation.DeadLettered}; effects for unknown documents {b.Reconciliation.EffectsForUnknownDocuments}, duplicate effects over the whole run {b.Reconciliation.DuplicateEffects}.");
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

    /// <summary>Issue 14's goals against this run's figures (measured, not asserted: tests never judge timings).</summary>
    private static void Goals(StringBuilder text, BenchReport r)
    {
        var (s, t) = (r.Saturation, r.Steady);
        var events = s.Steps.Where(x => x.Step.StartsWith("oem-event:", StringComparison.Ordinal)).ToList();
        var notifications = s.Steps.Where(x => x.Step == "notify:Completed").ToList();
        var maxEvent = events.Count == 0 ? 0 : events.Max(x => x.RoundTripsPerRun);

        // A delivered push's own row is deleted with others of its partition (work:completed): its share counts too.
        double Grouped(string type) => s.Steps.FirstOrDefault(x => x.DocumentType == type && x.Step == "work:completed")?.RoundTripsPerRun ?? 0;
        var maxNotification = notifications.Count == 0 ? 0 : notifications.Max(x => Math.Round(x.RoundTripsPerRun + Grouped(x.DocumentType), 2));
        var pair = Lives(s).Where(l => l.Type is "retail-delivery-report" or "warranty-claim").ToList();
        var perClaimOrRdr = Math.Round(pair.Sum(l => l.Trips * l.Documents) / Math.Max(1, pair.Sum(l => l.Documents)) + double.Parse(Unattributed(s), CultureInfo.InvariantCulture), 2);
        var rows = new (string Goal, string Target, double Measured, bool Met)[]
        {
            ("storage round trips per claim or RDR (their steps + the unattributed share)", "≤ 8", perClaimOrRdr, perClaimOrRdr <= 8),
            ("round trips per OEM event (most costly event type)", "≤ 2", maxEvent, maxEvent <= 2),
            ("round trips per notification (the push + its share of grouped completions)", "≤ 2", maxNotification, maxNotification <= 2),
            ("hub CPU ms per document at half saturation (steady)", "≤ 4", t.HubCpuMsPerDocument, t.HubCpuMsPerDocument <= 4),
            ("hub ÷ fixed 6-round-trip floor (four-type mix end to end)", "≥ 0.6", r.HubToMinimalFloor, r.HubToMinimalFloor >= 0.6),
            ("hub ÷ fixed 6-round-trip floor (claim + RDR only, end to end)", "≥ 0.6", r.PairToMinimalFloor, r.PairToMinimalFloor >= 0.6),
            ("acknowledgement p99 at half saturation (ms)", "≤ 50", t.Simulation.AckLatencyMs.P99, t.Simulation.AckLatencyMs.P99 <= 50),
            ("backlog drain ÷ saturation rate", "≥ 0.8", r.DrainToSaturation, r.DrainToSaturation >= 0.8),
        };
        text.AppendLine("| goal (issue 14) | target | this run | |");
        text.AppendLine("|---|---:|---:|---|");
        foreach (var (goal, target, measured, met) in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {goal} | {target} | {measured} | {(met ? "met" : "**missed**")} |"));
        }
    }

    /// <summary>
    /// Per document type: its new documents (runs of intake:Accepted) and the round trips of all its steps per document
    /// — replays, refusals, work and timers included; an effect counts for the document that caused it.
    /// </summary>
    private static List<(string Type, long Documents, double Trips)> Lives(Phase phase) =>
        phase.Steps.GroupBy(x => x.DocumentType, StringComparer.Ordinal)
            .Select(g => (Type: g.Key, Documents: g.Where(x => x.Step == "intake:Accepted").Sum(x => x.Runs), Total: g.Sum(x => x.Runs * x.RoundTripsPerRun)))
            .Where(l => l.Documents > 0)
            .Select(l => (l.Type, l.Documents, Math.Round(l.Total / l.Documents, 2)))
            .ToList();

    /// <summary>Per accepted document: round trips outside any document's steps (no step, or a step of no type: "-").</summary>
    private static string Unattributed(Phase phase)
    {
        var attributed = phase.Steps.Where(x => x.DocumentType != "-").Sum(x => x.Runs * x.RoundTripsPerRun);
        var total = phase.StorageRoundTripsPerDocument * Math.Max(1, phase.Simulation.Accepted);
        return Math.Round(Math.Max(0, total - attributed) / Math.Max(1, phase.Simulation.Accepted), 2).ToString(CultureInfo.InvariantCulture);
    }

    private static string Latency(Percentiles p) => string.Create(CultureInfo.InvariantCulture, $"{p.P50} / {p.P95} / {p.P99} / {p.Max}");

    private static string Errors(SimulationResult r) => r.ErrorsByKind.Count == 0 ? "none" : string.Join(", ", r.ErrorsByKind.Select(e => $"{e.Key} ×{e.Value}"));

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("F0", CultureInfo.InvariantCulture);

    private static string Kinds(IReadOnlyDictionary<string, double> kinds) =>
        string.Join(", ", kinds.Where(k => k.Value > 0).Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value}")));
}
