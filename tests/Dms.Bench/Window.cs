namespace Dms.Bench;

/// <summary>
/// One progress window of a file (about 15 s): rows per second, the hub's and Azurite's CPU per row, round trips per
/// row by kind, the hub's GC heap and working set — so what grows with the stored data shows while the file runs.
/// </summary>
internal static class Window
{
    public static string Describe((RuntimeSnapshot Snapshot, int Imported) start, RuntimeSnapshot now, int rows)
    {
        var seconds = (now.At - start.Snapshot.At) / (double)System.Diagnostics.Stopwatch.Frequency;
        var perRow = rows > 0 ? 1.0 / rows : 0;
        var kinds = now.Storage.Select(k => (k.Key, Count: k.Value - start.Snapshot.Storage.GetValueOrDefault(k.Key)))
            .Where(k => k.Count > 0).Select(k => $"{k.Key} {k.Count * perRow:F2}");
        var steps = now.StepsSince(start.Snapshot).Where(s => s.Runs * s.RoundTripsPerRun * perRow >= 0.01)
            .Select(s => $"{s.Step} {s.Runs * s.RoundTripsPerRun * perRow:F2}");
        return $"{rows / seconds:F1} rows/s; CPU ms/row hub {(now.CpuSeconds - start.Snapshot.CpuSeconds) * 1000 * perRow:F2}, Azurite {(now.AzuriteCpuSeconds - start.Snapshot.AzuriteCpuSeconds) * 1000 * perRow:F2}; "
            + $"round trips/row: {string.Join(", ", kinds)} | {string.Join(", ", steps)}; projector waiting {now.ProjectorWaiting}; gc heap {now.GcHeapBytes >> 20} MB, gc committed {now.GcCommittedBytes >> 20} MB ({now.GcHeapCount} heaps), working set {now.WorkingSetBytes >> 20} MB";
    }
}
