using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Dms.DealerSimulator;

namespace Dms.Bench;

/// <summary>What an OEM outage looked like from outside: probes while down, the OEM's request rate, and the drain after.</summary>
internal sealed record OutageResult(
    double OutageSeconds, int BacklogAtRecovery, double DrainSeconds, double DrainDocumentsPerSecond, long RequestsWhileDown,
    long PeakRequestsPerSecondWhileDown, long MaxInFlight, IReadOnlyList<ProbeResult> Probes);

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
        var backlog = simulation.Recorder.Accepted - (int)effects;
        await stack.SetOemFaultsAsync(new JsonObject { ["down"] = false });
        var outage = Stopwatch.GetElapsedTime(down).TotalSeconds;
        output.WriteLine($"*** OEM back after {outage:F0} s with {backlog} deliveries waiting; OEM requests per second while down: {string.Join(' ', series)}");
        foreach (var probe in probes)
        {
            await probe.DisposeAsync();
        }

        var target = effects + backlog;
        var up = Stopwatch.GetTimestamp();
        while ((await stack.OemStatsAsync())["effects"]!.GetValue<long>() < target && Stopwatch.GetElapsedTime(up) < TimeSpan.FromMinutes(10))
        {
            await Task.Delay(250, CancellationToken.None);
        }

        var drain = Stopwatch.GetElapsedTime(up).TotalSeconds;
        output.WriteLine($"*** backlog of {backlog} drained in {drain:F1} s ({backlog / Math.Max(drain, 0.001):F1}/s)");
        var stats = await stack.OemStatsAsync();
        return new OutageResult(Math.Round(outage, 1), backlog, Math.Round(drain, 1), Math.Round(backlog / Math.Max(drain, 0.001), 1), last - requestsAtDown, peak,
            stats["maxInFlight"]!.GetValue<long>(), probes.Select(p => new ProbeResult(p.Name, Percentiles.Of(p.Milliseconds.ToList()), p.Failures)).ToList());
    }
}
