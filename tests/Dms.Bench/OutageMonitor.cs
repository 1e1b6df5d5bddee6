using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Dms.DealerSimulator;

namespace Dms.Bench;

/// <summary>What an OEM outage looked like from outside: probes while down, the OEM's request rate, and the drain after.</summary>
/// <param name="BacklogAtRecovery">Documents accepted before the OEM came back and not yet in effect there.</param>
/// <param name="DrainSeconds">From the OEM's return until the last of them took effect.</param>
/// <param name="DrainDocumentsPerSecond">The backlog ÷ the drain time (<see cref="DrainMeasure.BacklogPerSecond"/>).</param>
internal sealed record OutageResult(
    double OutageSeconds, int BacklogAtRecovery, double DrainSeconds, double DrainDocumentsPerSecond, long RequestsWhileDown,
    long PeakRequestsPerSecondWhileDown, long MaxInFlight, IReadOnlyList<ProbeResult> Probes)
{
    /// <summary>The drain in detail: both rates, the deliveries per 10 s, the arrivals delivered during it.</summary>
    public DrainMeasure? Drain { get; init; }

    /// <summary>What the drain cost the hub and Azurite, per second and per delivery, and the steps it ran.</summary>
    public DrainProfile? Profile { get; init; }

    /// <summary>Cores of the whole machine busy during the drain (all processes, other sessions' included), out of <see cref="Environment.ProcessorCount"/>.</summary>
    public double? MachineBusyCores { get; init; }

    /// <summary>The end-to-end saturation rate measured on the same stack after the run (<see cref="Chaos"/>), to compare the drain with.</summary>
    public Phase? Saturation { get; init; }
}

/// <summary>
/// Takes the OEM down once a run is under way, times the hub's readiness, a dealer's document list and Azurite every
/// second while it is down, counts what the hub still sent the OEM, brings it back and measures how fast the backlog
/// of deliveries drains.
/// </summary>
internal static class OutageMonitor
{
    public static async Task<OutageResult?> RunAsync(Stack stack, Simulation simulation, int seconds, TextWriter output, CancellationToken cancellationToken)
    {
        while (simulation.Recorder.Accepted < 300 && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(200, CancellationToken.None);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var dealer = simulation.Dealers[^1];
        using var health = stack.Hub.Client();
        using var dealerClient = stack.Hub.Client(dealer.ApiKey);
        var table = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient("chaosprobe");
        var probes = new List<LatencyProbe>
        {
            new LatencyProbe("hub GET /health/ready", async () => (await health.GetAsync("/health/ready")).Dispose()).Start(),
            new LatencyProbe("Azurite point read", async () => await table.GetEntityIfExistsAsync<TableEntity>("none", "none")).Start(),
            new LatencyProbe("dealer GET /warranty-claims", async () => (await dealerClient.GetAsync("/api/v1/warranty-claims?pageSize=20")).Dispose()).Start(),
        };

        output.WriteLine($"*** OEM down for {seconds} s");
        await stack.SetOemFaultsAsync(new JsonObject { ["down"] = true });
        var down = Stopwatch.GetTimestamp();
        var (requestsAtDown, peak) = ((await stack.OemStatsAsync())["requests"]!.GetValue<long>(), 0L);
        var last = requestsAtDown;
        var series = new List<long>();
        while (Stopwatch.GetElapsedTime(down) < TimeSpan.FromSeconds(seconds))
        {
            await Task.Delay(1000, CancellationToken.None);
            var requests = (await stack.OemStatsAsync())["requests"]!.GetValue<long>();
            series.Add(requests - last);
            (peak, last) = (Math.Max(peak, requests - last), requests);
        }

        var effects = (await stack.OemStatsAsync())["effects"]!.GetValue<long>();
        var acceptedBefore = simulation.Recorder.AcceptedDocuments.Select(d => d.TrackingId).ToHashSet(StringComparer.Ordinal);
        var backlog = acceptedBefore.Count - (int)effects;
        var atUp = await RuntimeSnapshot.TakeAsync(stack);
        var machineAtUp = MachineCpu.Read();
        await stack.SetOemFaultsAsync(new JsonObject { ["down"] = false });
        var recoveredAt = DateTimeOffset.UtcNow;
        var outage = Stopwatch.GetElapsedTime(down).TotalSeconds;
        output.WriteLine($"*** OEM back after {outage:F0} s with {backlog} deliveries waiting; OEM requests per second while down: {string.Join(' ', series)}");
        foreach (var probe in probes)
        {
            await probe.DisposeAsync();
        }

        // Cheap polling of the count first: the drain cannot end before as many effects as the backlog have been
        // applied (arrivals' deliveries count too, so it may end later); then the ledger says when the last of the
        // backlog's documents took effect.
        var target = effects + backlog;
        var up = Stopwatch.GetTimestamp();
        var limit = TimeSpan.FromMinutes(10);
        while ((await stack.OemStatsAsync())["effects"]!.GetValue<long>() < target && Stopwatch.GetElapsedTime(up) < limit)
        {
            await Task.Delay(250, CancellationToken.None);
        }

        DrainMeasure? drain;
        while ((drain = DrainMeasure.From(await stack.OemEffectsAsync(), acceptedBefore, recoveredAt)) is { Complete: false } && Stopwatch.GetElapsedTime(up) < limit)
        {
            await Task.Delay(2000, CancellationToken.None);
        }

        var profile = Backlog.Profile(atUp, await RuntimeSnapshot.TakeAsync(stack), drain?.DeliveriesDuringDrain ?? 0, []);
        var machine = MachineCpu.BusyCoresSince(machineAtUp);
        output.WriteLine(drain is null
            ? "*** nothing was waiting when the OEM came back"
            : $"*** backlog of {drain.Backlog} documents drained in {drain.DrainSeconds} s ({drain.BacklogPerSecond}/s; {drain.DeliveriesDuringDrain} deliveries in that time, {drain.DeliveriesPerSecond}/s)");
        var stats = await stack.OemStatsAsync();
        return new OutageResult(Math.Round(outage, 1), drain?.Backlog ?? 0, drain?.DrainSeconds ?? 0, drain?.BacklogPerSecond ?? 0, last - requestsAtDown, peak,
            stats["maxInFlight"]!.GetValue<long>(), probes.Select(p => new ProbeResult(p.Name, Percentiles.Of(p.Milliseconds.ToList()), p.Failures)).ToList())
        {
            Drain = drain,
            Profile = profile,
            MachineBusyCores = machine,
        };
    }
}

/// <summary>The whole machine's busy CPU time from /proc/stat (Linux), to tell a drain short of CPU from one waiting on something else.</summary>
internal static class MachineCpu
{
    public static (double Busy, long At)? Read()
    {
        if (!File.Exists("/proc/stat"))
        {
            return null;
        }

        // cpu  user nice system idle iowait irq softirq steal (guest time after these is already counted in user), in
        // USER_HZ (100 a second on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
        var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
        return ((fields.Sum() - idle) / 100.0, Stopwatch.GetTimestamp());
    }

    public static double? BusyCoresSince((double Busy, long At)? before) =>
        before is { } b && Read() is { } now ? Math.Round((now.Busy - b.Busy) / Math.Max(0.001, Stopwatch.GetElapsedTime(b.At, now.At).TotalSeconds), 2) : null;
}
