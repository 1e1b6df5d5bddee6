using System.Diagnostics;

namespace Dms.Bench;

/// <summary>What one request of a page cost, on average: the hub's storage round trips and CPU, and Azurite's CPU.</summary>
internal sealed record PageCost(double StorageCalls, double HubCpuMilliseconds, double AzuriteCpuMilliseconds);

/// <summary>
/// Where a page's time goes without a profiler: the hub's own counters (GET /admin/runtime: storage round trips, CPU
/// seconds) and Azurite's CPU time, read before and after a page's samples. The console bench's hub is otherwise idle
/// (no submissions, the recovery sweep slowed down), so the difference is the page's.
/// </summary>
internal sealed class ConsoleProbe(Stack stack, Process azurite)
{
    public async Task<Snapshot> TakeAsync()
    {
        var view = await stack.RuntimeAsync();
        azurite.Refresh();
        return new Snapshot(view["storageRequestsTotal"]!.GetValue<long>(), view["cpuSeconds"]!.GetValue<double>() * 1000, azurite.TotalProcessorTime.TotalMilliseconds);
    }

    public sealed record Snapshot(long StorageCalls, double HubCpuMilliseconds, double AzuriteCpuMilliseconds)
    {
        public PageCost Since(Snapshot before, int requests) => new(
            Math.Round((double)(StorageCalls - before.StorageCalls) / Math.Max(1, requests), 1),
            Math.Round((HubCpuMilliseconds - before.HubCpuMilliseconds) / Math.Max(1, requests), 1),
            Math.Round((AzuriteCpuMilliseconds - before.AzuriteCpuMilliseconds) / Math.Max(1, requests), 1));
    }
}
