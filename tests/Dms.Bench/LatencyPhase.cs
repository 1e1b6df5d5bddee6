using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// <c>bench --phases latency [--rate R] [--documents N]</c>: only the steady phase, for the acknowledgement tail — a
/// fresh stack, the warm-up and the start-up window as in the full bench, then N documents at R per second. Writes
/// every acknowledgement (what, which channel, when, how long) and a second-by-second timeline of the processes' CPU,
/// the machine's idle share and the hub's storage round trips, so a slow acknowledgement can be set against what ran
/// at that moment (and against counters or a trace recorded from outside: the hub's pid is printed at start).
/// </summary>
internal static class LatencyPhase
{
    /// <summary>
    /// <c>bench --phases backlog [--rate R]</c>: only the backlog phase (the OEM down while 30 s of documents arrive at
    /// R/s, then back), on a warmed-up hub, to study the drain and its stragglers without the other phases.
    /// </summary>
    public static async Task<int> BacklogAsync(double rate, TextWriter output)
    {
        await using var stack = await WarmStackAsync(output);
        var backlog = await Backlog.RunAsync(stack, (int)Math.Max(600, rate * 30), rate, output);
        output.WriteLine($"Backlog: {backlog.DrainDocumentsPerSecond} deliveries/s, first after {backlog.FirstDeliveryAfterRecoverySeconds} s, drained in {backlog.DrainSeconds} s; reconciliation {(backlog.Reconciliation.Holds ? "holds" : "FAILS")}, dead-lettered {backlog.DeadLettered}");
        return backlog.Reconciliation.Holds && backlog.DeadLettered == 0 ? 0 : 1;
    }

    /// <summary>A fresh stack past its warm-up: 500 documents for the JIT, then the rest of the projector's clock-skew window.</summary>
    private static async Task<Stack> WarmStackAsync(TextWriter output)
    {
        var hubSettings = Profiles.Hub(maxAttempts: 30, maxDelaySeconds: 5);
        var stack = await Stack.StartAsync(hubSettings, Profiles.Oem());
        var started = Stopwatch.GetTimestamp();
        output.WriteLine("== Warm-up: 500 documents right after start (JIT compilation)");
        await using (var warmUp = stack.NewSimulation(new SimulationOptions { Documents = 500, Dealers = 10, Concurrency = 32, ProgressSeconds = 5 }, output))
        {
            await warmUp.RunAsync();
        }

        var left = Profiles.StartUpWindow(hubSettings) - Stopwatch.GetElapsedTime(started);
        if (left > TimeSpan.Zero)
        {
            output.WriteLine($"   waiting {left.TotalSeconds:F0} s more (the projector's clock-skew window)");
            await Task.Delay(left);
        }

        return stack;
    }

    /// <param name="preload">
    /// Documents sent as fast as accepted before the measured phase, and settled: the full bench's steady phase runs
    /// after saturation (3,000) and the claim + RDR phase (1,500), on tables that hold their rows — and on Azurite a
    /// query's cost grows with its table.
    /// </param>
    public static async Task<int> RunAsync(double rate, int documents, int preload, TextWriter output)
    {
        var folder = Path.Combine(RepoRoot.Path, "artifacts", "bench");
        Directory.CreateDirectory(folder);
        await using var stack = await WarmStackAsync(output);
        if (preload > 0)
        {
            output.WriteLine($"== Preload: {preload} documents as fast as accepted (the full bench's earlier phases), then settled");
            await using var fill = stack.NewSimulation(new SimulationOptions { Documents = preload, Concurrency = 32, ProgressSeconds = 10 }, output);
            await fill.RunAsync();
            var dealers = fill.Dealers.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
            var connection = stack.Azurite.ConnectionString;
            await WorkDrain.WaitAsync(connection, dealers, TimeSpan.FromMinutes(3), output, async () => await WorkDrain.CountMarkersAsync(connection, dealers) == 0);
        }

        output.WriteLine($"== Latency: {documents} documents at {rate}/s, from {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC");
        var timeline = new Timeline(stack).Start();
        await using var run = stack.NewSimulation(new SimulationOptions { Documents = documents, Rate = rate, Concurrency = 32, ProgressSeconds = 5 }, output);
        var result = await run.RunAsync();
        output.WriteLine($"   submissions ended {DateTimeOffset.UtcNow:HH:mm:ss.fff} UTC");
        await timeline.DisposeAsync();

        var acks = run.Recorder.Acks;
        var report = Describe(rate, result, acks, timeline.Seconds);
        await File.WriteAllTextAsync(Path.Combine(folder, "latency.md"), report);
        await File.WriteAllTextAsync(Path.Combine(folder, "latency-acks.csv"),
            "startedAtUtc,ms,type,channel,invalid,kind\n" + string.Concat(acks.OrderBy(a => a.StartedAtUtc).Select(a =>
                FormattableString.Invariant($"{a.StartedAtUtc:HH:mm:ss.fff},{a.Milliseconds:F1},{a.DocumentType},{a.Channel},{a.Invalid},{a.Kind}\n"))));
        await File.WriteAllTextAsync(Path.Combine(folder, "latency-timeline.json"), JsonSerializer.Serialize(timeline.Seconds, SimulationJson.Options));
        output.WriteLine(report);
        output.WriteLine($"Written to {Path.Combine(folder, "latency.md")}, latency-acks.csv and latency-timeline.json");
        return result.ErrorsByKind.Count == 0 ? 0 : 1;
    }

    private static string Describe(double rate, SimulationResult result, IReadOnlyList<AckSample> acks, IReadOnlyList<Second> seconds)
    {
        var text = new StringBuilder();
        void Line(string line) => text.AppendLine(line);
        Line($"# Acknowledgement latency at {rate}/s ({DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        Line("");
        Line($"{result.Accepted} accepted at {result.AcceptedPerSecond}/s; errors {(result.ErrorsByKind.Count == 0 ? "none" : string.Join(", ", result.ErrorsByKind))}; retries {result.RetriesByKind.Values.Sum()}.");
        Line("");
        Line("| acknowledgements | count | p50 | p95 | p99 | max |");
        Line("|---|---:|---:|---:|---:|---:|");
        void Row(string name, IEnumerable<AckSample> sample)
        {
            var p = Percentiles.Of(sample.Select(a => a.Milliseconds).ToList());
            Line(FormattableString.Invariant($"| {name} | {p.Count} | {p.P50} | {p.P95} | {p.P99} | {p.Max} |"));
        }

        Row("all", acks);
        foreach (var group in acks.GroupBy(a => (a.Channel, a.DocumentType, a.Invalid)).OrderBy(g => g.Key.Channel, StringComparer.Ordinal).ThenBy(g => g.Key.DocumentType, StringComparer.Ordinal).ThenBy(g => g.Key.Invalid))
        {
            Row($"{group.Key.Channel} {group.Key.DocumentType}{(group.Key.Invalid ? " (invalid)" : "")}", group);
        }

        var slowest = acks.OrderByDescending(a => a.Milliseconds).Take(Math.Max(10, acks.Count / 100)).ToList();
        Line("");
        Line($"The slowest {slowest.Count} (the p99 tail) by start time, with the second they started in (cores used in that second; machine idle share):");
        Line("");
        Line("| started (UTC) | ms | type | channel | hub | Azurite | bench | OEM | idle | round trips/s |");
        Line("|---|---:|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var ack in slowest.OrderBy(a => a.StartedAtUtc))
        {
            var second = seconds.LastOrDefault(s => s.At <= ack.StartedAtUtc);
            Line(FormattableString.Invariant($"| {ack.StartedAtUtc:HH:mm:ss.fff} | {ack.Milliseconds:F1} | {ack.DocumentType}{(ack.Invalid ? " (invalid)" : "")} | {ack.Channel} | {second?.HubCores:F2} | {second?.AzuriteCores:F2} | {second?.BenchCores:F2} | {second?.OemCores:F2} | {second?.MachineIdle:F2} | {second?.RoundTrips} |"));
        }

        if (seconds.Count > 0)
        {
            Line("");
            Line(FormattableString.Invariant($"Over the phase (per second, mean): hub {seconds.Average(s => s.HubCores):F2} cores, Azurite {seconds.Average(s => s.AzuriteCores):F2}, bench (dealers) {seconds.Average(s => s.BenchCores):F2}, OEM simulator {seconds.Average(s => s.OemCores):F2}, machine idle {seconds.Average(s => s.MachineIdle):F2} of 1; {seconds.Average(s => s.RoundTrips):F0} round trips/s."));
        }

        return text.ToString();
    }

    /// <summary>One second of the phase: each process's CPU in cores, the machine's idle share, the hub's round trips.</summary>
    internal sealed record Second(DateTimeOffset At, double HubCores, double AzuriteCores, double BenchCores, double OemCores, double MachineIdle, long RoundTrips);

    private sealed class Timeline(Stack stack) : EverySecond
    {
        private readonly List<Second> _seconds = [];
        private (DateTimeOffset At, double Hub, double Azurite, double Bench, double Oem, (long Idle, long Total) Machine, long Trips)? _last;

        public IReadOnlyList<Second> Seconds => _seconds;

        public Timeline Start()
        {
            StartLoop();
            return this;
        }

        protected override async Task TickAsync()
        {
            var trips = (await RuntimeSnapshot.TakeAsync(stack)).StorageTotal;
            var now = (DateTimeOffset.UtcNow, Cpu(stack.Hub.ProcessId), Cpu(stack.Azurite.ProcessId), Cpu(Environment.ProcessId), Cpu(stack.OemProcess.ProcessId), Machine(), trips);
            if (_last is { } last)
            {
                var wall = (now.UtcNow - last.At).TotalSeconds;
                var total = now.Item6.Total - last.Machine.Total;
                _seconds.Add(new Second(last.At, Math.Round((now.Item2 - last.Hub) / wall, 2), Math.Round((now.Item3 - last.Azurite) / wall, 2),
                    Math.Round((now.Item4 - last.Bench) / wall, 2), Math.Round((now.Item5 - last.Oem) / wall, 2),
                    total <= 0 ? 0 : Math.Round((now.Item6.Idle - last.Machine.Idle) / (double)total, 2), now.trips - last.Trips));
            }

            _last = now;
        }

        private static double Cpu(int processId)
        {
            using var process = Process.GetProcessById(processId);
            return process.TotalProcessorTime.TotalSeconds;
        }

        /// <summary>The machine's idle and total jiffies (/proc/stat's first line).</summary>
        private static (long Idle, long Total) Machine()
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            return (fields[3] + fields[4], fields.Sum());
        }
    }
}
