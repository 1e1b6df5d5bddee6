using System.Diagnostics;
using System.Text.Json.Nodes;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// Azurite's live heap after a full garbage collection (<c>azurite-heap.cjs</c>, preloaded): the resident size also
/// holds garbage and slack that the 12 GB old space lets grow, so it overstates what the stored rows need.
/// </summary>
internal sealed class AzuriteHeap
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"dms-azurite-heap-{Environment.ProcessId}.json");

    /// <summary>NODE_OPTIONS for the Azurite to be probed (and the file it answers in).</summary>
    public string NodeOptions(string baseOptions)
    {
        Environment.SetEnvironmentVariable("DMS_AZURITE_HEAP_FILE", _file);
        return $"{baseOptions} --expose-gc --require {Path.Combine(RepoRoot.Path, "tests", "Dms.Bench", "azurite-heap.cjs")}";
    }

    /// <summary>
    /// What each table family holds on Azurite's live heap, measured by dropping the families one by one (largest
    /// first) and collecting after each — destroys the store, so it runs last, after the pages are timed.
    /// </summary>
    public async Task<IReadOnlyList<(string Family, long Bytes)>> ByFamilyAsync(int processId, string connectionString, IReadOnlyList<TableFamily> families)
    {
        var service = new Azure.Data.Tables.TableServiceClient(connectionString);
        var names = new List<string>();
        await foreach (var table in service.QueryAsync())
        {
            names.Add(table.Name);
        }

        var result = new List<(string, long)>();
        var before = await LiveBytesAsync(processId);
        foreach (var family in families.Where(f => f.Rows > 0))
        {
            foreach (var name in names.Where(n => ConsoleCensus.Family(n) == family.Name))
            {
                await service.DeleteTableAsync(name);
            }

            var after = await LiveBytesAsync(processId);
            if (before is { } b && after is { } a)
            {
                result.Add((family.Name, b - a));
            }

            before = after;
        }

        return result;
    }

    /// <summary>Bytes in use on Azurite's heap after a full collection; null when it did not answer within a minute.</summary>
    public async Task<long?> LiveBytesAsync(int processId)
    {
        File.Delete(_file);
        using (var signal = Process.Start("kill", ["-USR2", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        for (var waited = 0; waited < 600; waited++)
        {
            if (File.Exists(_file) && JsonNode.Parse(await File.ReadAllTextAsync(_file)) is { } usage)
            {
                File.Delete(_file);
                return usage["heapUsed"]!.GetValue<long>() + usage["external"]!.GetValue<long>();
            }

            await Task.Delay(100);
        }

        return null;
    }
}
