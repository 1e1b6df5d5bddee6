using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Dms.DealerSimulator;

namespace Dms.Bench;

internal sealed record ProbeResult(string Name, Percentiles Milliseconds, int Failures);

internal sealed record BacklogResult(
    int Accepted, double OutageSeconds, double FirstDeliveryAfterRecoverySeconds, double DrainSeconds, double DrainDocumentsPerSecond,
    int DeadLettered, IReadOnlyList<ProbeResult> Probes, Reconciliation Reconciliation, SimulationResult Simulation)
{
    /// <summary>What the drain cost and what ran during it (from the OEM's return until the last delivery).</summary>
    public DrainProfile? Drain { get; init; }
}

/// <summary>
/// The drain's profile: CPU of the hub and Azurite in cores (÷ wall time), the hub's round trips per delivery, the
/// steps it ran (deferrals and skips included) and the deliveries per second, second by second.
/// </summary>
internal sealed record DrainProfile(
    double Seconds, double HubCores, double AzuriteCores, double RoundTripsPerDelivery, IReadOnlyDictionary<string, double> RoundTripsByKind,
    IReadOnlyList<StepCost> Steps, IReadOnlyList<int> DeliveriesPerSecond);

/// <summary>
/// The OEM goes down; documents keep arriving (and must still be accepted quickly); while it is down the hub's health
/// endpoint, a dealer's document list and Azurite itself are timed every second; then the OEM comes back and the
/// backlog drains. Reports the drain rate and confirms nothing was lost or dead-lettered.
/// </summary>
internal static class Backlog
{
    public static async Task<BacklogResult> RunAsync(Stack stack, int documents, double rate, TextWriter output)
    {
        var effectsBefore = (await stack.OemStatsAsync())["effects"]!.GetValue<long>();
        var started = DateTimeOffset.UtcNow;
        await stack.SetOemFaultsAsync(new JsonObject { ["down"] = true });
        var down = Stopwatch.GetTimestamp();
        using var health = stack.Hub.Client();
        var table = new TableServiceClient(stack.Azurite.ConnectionString).GetTableClient("benchdocuments000"); // a shard's documents table
        var probes = new List<LatencyProbe>
        {
            new LatencyProbe("hub GET /health/ready", async () => (await health.GetAsync("/health/ready")).Dispose()).Start(),
            new LatencyProbe("Azurite point read", async () => await table.GetEntityIfExistsAsync<TableEntity>("none", "none")).Start(),
        };

        await using var simulation = stack.NewSimulation(new SimulationOptions
        {
            Documents = documents, Rate = rate, Concurrency = 32, DecisionWaitSeconds = 0, ProgressSeconds = 5,
        }, output);
        var result = await simulation.RunAsync();
        var dealer = simulation.Dealers[^1];
        using var dealerClient = stack.Hub.Client(dealer.ApiKey);
        probes.Add(new LatencyProbe("dealer GET /warranty-claims", async () => (await dealerClient.GetAsync("/api/v1/warranty-claims?limit=20")).Dispose()).Start());
        await Task.Delay(5000); // the list probe gets a few samples with the backlog at its deepest

        var outage = Stopwatch.GetElapsedTime(down).TotalSeconds;
        output.WriteLine($"   OEM back after {outage:F0} s with {result.Accepted} documents waiting");
        await stack.SetOemFaultsAsync(new JsonObject { ["down"] = false });
        var up = Stopwatch.GetTimestamp();
        var upAt = DateTimeOffset.UtcNow;
        var atUp = await RuntimeSnapshot.TakeAsync(stack);
        double? first = null;
        long effects;
        var perSecond = new List<int>();
        var lastSecond = 0L;
        var described = false;
        do
        {
            await Task.Delay(250);
            effects = (await stack.OemStatsAsync())["effects"]!.GetValue<long>() - effectsBefore;
            if (effects > 0)
            {
                first ??= Stopwatch.GetElapsedTime(up).TotalSeconds;
            }

            while (perSecond.Count < (int)Stopwatch.GetElapsedTime(up).TotalSeconds)
            {
                perSecond.Add((int)(effects - lastSecond));
                lastSecond = effects;
                if (!described && effects > 0 && effects < result.Accepted && perSecond[^1] == 0)
                {
                    // The drain stalls with deliveries left: say what they are waiting for, once.
                    described = true;
                    output.WriteLine($"   {Stopwatch.GetElapsedTime(up).TotalSeconds:F0} s after the OEM came back, {result.Accepted - effects} deliveries wait:");
                    await WorkDrain.DescribeDeliveriesAsync(stack.Azurite.ConnectionString, simulation.Dealers.Select(d => d.Code).ToHashSet(StringComparer.Ordinal), upAt, output);
                }
            }
        }
        while (effects < result.Accepted && Stopwatch.GetElapsedTime(up) < TimeSpan.FromMinutes(5));

        var drained = Stopwatch.GetElapsedTime(up).TotalSeconds;
        var drain = Profile(atUp, await RuntimeSnapshot.TakeAsync(stack), effects, perSecond);
        output.WriteLine($"   drain: hub {drain.HubCores} cores, Azurite {drain.AzuriteCores} cores, {drain.RoundTripsPerDelivery} round trips per delivery; deliveries per second: {string.Join(' ', perSecond)}");
        foreach (var step in drain.Steps.OrderByDescending(x => x.Runs).Take(24))
        {
            output.WriteLine($"     {step.DocumentType} {step.Step}: {step.Runs} runs, {step.RoundTripsPerRun} round trips each");
        }
        foreach (var probe in probes)
        {
            await probe.DisposeAsync();
        }

        output.WriteLine("   the drain's last deliveries (seconds after the OEM came back):");
        foreach (var line in await DrainStragglers.DescribeAsync(stack, upAt, result.AcceptedDocuments, simulation.Dealers, 8))
        {
            output.WriteLine("     " + line);
        }

        var reconciliation = await Reconciliation.RunAsync(stack, result.AcceptedDocuments, simulation.Dealers, TimeSpan.FromMinutes(3), output, started);
        var drainWindow = Math.Max(0.001, drained - (first ?? 0));
        output.WriteLine($"   drained {effects} deliveries in {drained:F1} s (first after {first:F1} s, {effects / drainWindow:F1}/s)");
        return new BacklogResult(result.Accepted, Math.Round(outage, 1), Math.Round(first ?? -1, 1), Math.Round(drained, 1), Math.Round(effects / drainWindow, 1),
            reconciliation.DeadLettered, probes.Select(p => new ProbeResult(p.Name, Percentiles.Of(p.Milliseconds.ToList()), p.Failures)).ToList(), reconciliation, result)
        {
            Drain = drain,
        };
    }

    public static DrainProfile Profile(RuntimeSnapshot before, RuntimeSnapshot after, long deliveries, List<int> perSecond)
    {
        var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(before.At, after.At).TotalSeconds);
        var per = Math.Max(1, deliveries);
        var byKind = after.Storage.ToDictionary(s => s.Key, s => Math.Round((s.Value - before.Storage.GetValueOrDefault(s.Key)) / (double)per, 2), StringComparer.Ordinal);
        return new DrainProfile(Math.Round(seconds, 1), Math.Round((after.CpuSeconds - before.CpuSeconds) / seconds, 2), Math.Round((after.AzuriteCpuSeconds - before.AzuriteCpuSeconds) / seconds, 2),
            Math.Round(byKind.Values.Sum(), 2), byKind, after.StepsSince(before), perSecond);
    }
}
