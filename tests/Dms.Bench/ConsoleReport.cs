using System.Globalization;
using System.Text;

namespace Dms.Bench;

/// <summary>The console phase's section of the report: one row per page against its target.</summary>
internal static class ConsoleReport
{
    public static string Markdown(ConsoleResult result)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"## Console pages over {result.Documents:N0} stored documents");
        text.AppendLine();
        var perDocument = (result.AzuriteWorkingSetBytes - result.AzuriteBeforeBytes) / Math.Max(1, result.Documents);
        text.AppendLine(inv, $"Seeded through the bulk paths in {result.SeedSeconds} s ({result.SeedDocumentsPerSecond:N0} documents/s); Azurite's resident memory went from {result.AzuriteBeforeBytes / 1024 / 1024:N0} to {result.AzuriteWorkingSetBytes / 1024 / 1024:N0} MiB ({perDocument:N0} bytes a document). Load average before seeding {result.LoadBefore}, after measuring {result.LoadAfter}.");
        if (result.AzuriteLiveHeapBytes is { } live)
        {
            text.AppendLine();
            text.AppendLine(inv, $"Azurite's live heap after a full collection, right after seeding: {live / 1024 / 1024:N0} MiB ({live / Math.Max(1, result.Documents):N0} bytes a document, the empty store included).");
        }

        if (result.Census.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("| table (family) | tables | rows | rows a document | bytes a row | bytes a document |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var family in result.Census)
            {
                text.AppendLine(inv, $"| {family.Name} | {family.Tables} | {family.Rows:N0} | {(double)family.Rows / result.Documents:F2} | {family.Bytes / Math.Max(1, family.Rows):N0} | {family.Bytes / result.Documents:N0} |");
            }
        }

        text.AppendLine();
        text.AppendLine("Each page fetched one request at a time by a signed-in session over loopback (time to the last byte), varied inputs. "
            + "A request's cost, averaged over the page's samples: the hub's storage round trips and CPU (its /admin/runtime counters) and Azurite's CPU.");
        text.AppendLine();
        text.AppendLine("| page | p50 ms | p95 ms | p99 ms | largest KB | target p95 | meets | storage calls | hub CPU ms | Azurite CPU ms |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|---:|---:|");
        foreach (var page in result.Pages)
        {
            text.AppendLine(inv, $"| {page.Name} | {page.Milliseconds.P50} | {page.Milliseconds.P95} | {page.Milliseconds.P99} | {page.MaxBytes / 1024.0:F0} | {page.TargetMilliseconds} | {(page.MeetsTarget ? "yes" : page.Errors > 0 ? $"no ({page.Errors} errors)" : "no")} | {page.Cost?.StorageCalls} | {page.Cost?.HubCpuMilliseconds} | {page.Cost?.AzuriteCpuMilliseconds} |");
        }

        return text.ToString();
    }
}
