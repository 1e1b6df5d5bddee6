using System.Diagnostics;

namespace Dms.Bench;

/// <summary>
/// The hub's own figures (GET /admin/runtime): CPU seconds, working set, storage round trips by kind and by document
/// type and lifecycle step.
/// </summary>
internal sealed record RuntimeSnapshot(
    double CpuSeconds, long WorkingSetBytes, long PeakWorkingSetBytes, IReadOnlyDictionary<string, long> Storage, long StorageTotal,
    IReadOnlyDictionary<(string Type, string Step), StepCount> Steps, double AzuriteCpuSeconds, long At, long GcHeapBytes = 0, int ProjectorWaiting = 0, long GcCommittedBytes = 0, long GcHeapCount = 0, long AllocatedBytes = 0, double GcPauseMilliseconds = 0)
{
    public static async Task<RuntimeSnapshot> TakeAsync(Stack stack)
    {
        var view = await stack.RuntimeAsync();
        var storage = view["storageRequests"]!.AsObject().ToDictionary(s => s.Key, s => s.Value!.GetValue<long>(), StringComparer.Ordinal);
        var steps = view["storageSteps"]!.AsArray().Select(s => s!.AsObject()).ToDictionary(
            s => (s["documentType"]!.GetValue<string>(), s["step"]!.GetValue<string>()),
            s => new StepCount(s["runs"]!.GetValue<long>(), s["roundTrips"]!.AsObject().ToDictionary(t => t.Key, t => t.Value!.GetValue<long>(), StringComparer.Ordinal)));
        return new RuntimeSnapshot(view["cpuSeconds"]!.GetValue<double>(), view["workingSetBytes"]!.GetValue<long>(), view["peakWorkingSetBytes"]!.GetValue<long>(),
            storage, view["storageRequestsTotal"]!.GetValue<long>(), steps, stack.AzuriteCpuSeconds(), Stopwatch.GetTimestamp(), view["gcHeapBytes"]?.GetValue<long>() ?? 0, view["projectorWaiting"]?.GetValue<int>() ?? 0,
            view["gcCommittedBytes"]?.GetValue<long>() ?? 0, view["gcHeapCount"]?.GetValue<long>() ?? 0,
            view["allocatedBytes"]?.GetValue<long>() ?? 0, view["gcPauseMilliseconds"]?.GetValue<double>() ?? 0);
    }

    /// <summary>What each step cost between <paramref name="before"/> and this snapshot, per run.</summary>
    public IReadOnlyList<StepCost> StepsSince(RuntimeSnapshot before) =>
        Steps.Select(s =>
            {
                var earlier = before.Steps.GetValueOrDefault(s.Key) ?? new StepCount(0, new Dictionary<string, long>());
                var runs = s.Value.Runs - earlier.Runs;
                var trips = s.Value.RoundTrips.ToDictionary(t => t.Key, t => runs == 0 ? 0 : Math.Round((t.Value - earlier.RoundTrips.GetValueOrDefault(t.Key)) / (double)runs, 2), StringComparer.Ordinal);
                return new StepCost(s.Key.Type, s.Key.Step, runs, Math.Round(trips.Values.Sum(), 2), trips.Where(t => t.Value > 0).ToDictionary(StringComparer.Ordinal));
            })
            .Where(s => s.Runs > 0)
            .OrderBy(s => s.DocumentType, StringComparer.Ordinal).ThenBy(s => s.Step, StringComparer.Ordinal)
            .ToList();

    /// <summary>Waits until the hub has made no storage call for three seconds (all work done); returns the snapshot at the last change.</summary>
    public static async Task<RuntimeSnapshot> WaitIdleAsync(Stack stack, TimeSpan limit)
    {
        var last = await TakeAsync(stack);
        var quiet = 0;
        var until = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (quiet < 3 && Stopwatch.GetTimestamp() < until)
        {
            await Task.Delay(1000);
            var now = await TakeAsync(stack);
            if (now.StorageTotal == last.StorageTotal)
            {
                quiet++;
            }
            else
            {
                (last, quiet) = (now, 0);
            }
        }

        return last;
    }
}

/// <summary>Runs an action every second until disposed; a failed run (the hub restarting, a timeout) is counted, not thrown.</summary>
internal abstract class EverySecond : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Failures { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    protected abstract Task TickAsync();

    protected void StartLoop() => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await TickAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Azure.RequestFailedException)
            {
                Failures++;
            }

            await Task.Delay(1000, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    });
}

/// <summary>Samples the hub's working set every second while a phase runs, keeping the peak.</summary>
internal sealed class WorkingSetSampler(Stack stack) : EverySecond
{
    public long PeakBytes { get; private set; }

    public WorkingSetSampler Start()
    {
        StartLoop();
        return this;
    }

    protected override async Task TickAsync() => PeakBytes = Math.Max(PeakBytes, (await RuntimeSnapshot.TakeAsync(stack)).WorkingSetBytes);
}

/// <summary>Times one kind of request every second while a phase runs (to show the hub and Azurite stay responsive).</summary>
internal sealed class LatencyProbe(string name, Func<Task> request) : EverySecond
{
    private readonly List<double> _milliseconds = [];

    public string Name => name;

    public IReadOnlyList<double> Milliseconds => _milliseconds;

    public LatencyProbe Start()
    {
        StartLoop();
        return this;
    }

    protected override async Task TickAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await request();
        _milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
}
