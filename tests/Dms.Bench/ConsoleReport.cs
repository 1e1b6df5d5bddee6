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
        text.AppendLine(inv, $"Seeded through the bulk paths in {result.SeedSeconds} s ({result.SeedDocumentsPerSecond:N0} documents/s); Azurite then held {result.AzuriteWorkingSetBytes / 1024 / 1024:N0} MiB. Load average before seeding {result.LoadBefore}, after measuring {result.LoadAfter}.");
        text.AppendLine("Each page fetched one request at a time by a signed-in session over loopback (time to the last byte), varied inputs.");
        text.AppendLine();
        text.AppendLine("| page | p50 ms | p95 ms | p99 ms | largest KB | target p95 | meets |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        foreach (var page in result.Pages)
        {
            text.AppendLine(inv, $"| {page.Name} | {page.Milliseconds.P50} | {page.Milliseconds.P95} | {page.Milliseconds.P99} | {page.MaxBytes / 1024.0:F0} | {page.TargetMilliseconds} | {(page.MeetsTarget ? "yes" : page.Errors > 0 ? $"no ({page.Errors} errors)" : "no")} |");
        }

        return text.ToString();
    }
}
