using System.Diagnostics;
using System.Text.Json.Nodes;
using Dms.Hub.Operations;

namespace Dms.Functions.Http;

/// <summary>The process as operators and benchmarks see it: CPU, memory, and storage round trips so far (by kind, and by document type and lifecycle step).</summary>
internal static class RuntimeView
{
    public static JsonObject Current(StorageTraffic traffic, Dms.Hub.Insights.ChangeSignal signal)
    {
        using var process = Process.GetCurrentProcess();
        var storage = traffic.Snapshot();
        var gc = GC.GetGCMemoryInfo();
        return new JsonObject
        {
            ["startedAt"] = process.StartTime.ToUniversalTime(),
            ["processorCount"] = Environment.ProcessorCount,
            ["cpuSeconds"] = Math.Round(process.TotalProcessorTime.TotalSeconds, 3),
            ["workingSetBytes"] = process.WorkingSet64,
            ["peakWorkingSetBytes"] = process.PeakWorkingSet64,
            ["gcHeapBytes"] = gc.HeapSizeBytes,
            // What the GC holds from the OS (the heap plus free space it keeps for the next allocations): against the
            // working set it tells GC retention from memory held elsewhere.
            ["gcCommittedBytes"] = gc.TotalCommittedBytes,
            // Bytes allocated and time paused for GC since start: per document, the cost CPU figures do not separate (perf13).
            ["allocatedBytes"] = GC.GetTotalAllocatedBytes(),
            ["gcPauseMilliseconds"] = Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1),
            ["gcHeapCount"] = GC.GetConfigurationVariables().TryGetValue("HeapCount", out var heaps) ? Convert.ToInt64(heaps, System.Globalization.CultureInfo.InvariantCulture) : 0,
            ["threads"] = process.Threads.Count,
            // Documents this process committed whose projection into the console's read model is still waiting.
            ["projectorWaiting"] = signal.Count,
            ["storageRequests"] = new JsonObject(storage.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
            ["storageRequestsTotal"] = storage.Values.Sum(),
            ["storageSteps"] = new JsonArray(traffic.Steps().Select(s => (JsonNode)new JsonObject
            {
                ["documentType"] = s.DocumentType,
                ["step"] = s.Step,
                ["runs"] = s.Runs,
                ["roundTrips"] = new JsonObject(s.RoundTrips.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)t.Value))),
            }).ToArray()),
        };
    }
}
