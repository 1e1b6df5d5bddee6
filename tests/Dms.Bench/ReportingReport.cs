using System.Globalization;
using System.Text;

namespace Dms.Bench;

/// <summary>The sales-reporting section of the benchmark report (CSV batch channel, HQ figures at scale).</summary>
internal static class ReportingReport
{
    /// <summary>What a run of some phases only was measured on (the full report has its own header).</summary>
    public static string Header(ReportingResult r)
    {
        var m = r.Machine;
        return string.Create(CultureInfo.InvariantCulture,
            $"# Dms benchmark: sales reporting phases\n\n{m["date"]} · commit {m["commit"]} · {m["cores"]} cores ({m["cpu"]}), {m["memoryGiB"]} GiB · {m["os"]} · {m["runtime"]} · Azurite {m["azurite"]} in memory · load average at the end {m["loadAverage"]} (the machine is shared)\n");
    }

    public static string Markdown(ReportingResult r)
    {
        var text = new StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        Line($"");
        Line($"## Sales reporting");
        if (r.Csv is { } c)
        {
            Csv(c, Line);
        }

        if (r.Hq is { } h)
        {
            Hq(h, Line);
        }

        Line($"");
        Line($"Raw numbers: the JSON file beside this one. Sizes: `--csv-rows {r.Options.CsvRows} --hq-rdrs {r.Options.HqRdrs} --burst-rdrs {r.Options.BurstRdrs} --burst-dealers {r.Options.BurstDealers}`.");
        return text.ToString();
    }

    private static void Csv(CsvResult c, Action<FormattableString> Line)
    {
        Line($"");
        var r = c.RestRdr;
        Line($"**CSV batch channel.** A {c.Rows:N0}-row RDR file ({c.Bytes / 1024.0 / 1024:F1} MiB, 1 % invalid rows) uploaded by one mailbox dealer, streamed from disk, to a hub of its own (fresh Azurite, default 30 s recovery sweep; the work a slice's rows cause — delivery, rollups — runs with the slice). *Accepted* means the same on both sides: committed as a document and answered — a 201/202 on REST, the row's result in the batch's status for the file. *Work done* means no work item of the dealers left in storage: every RDR routed and delivered to the OEM, its VIN-link effect and its sales rollup done (the console's read model, which has no work items, is not waited for). REST is measured on the same stack first: {r.Accepted:N0} RDRs of 40 mailbox dealers from 32 senders, after a warm-up.");
        Line($"");
        if (!c.Completed)
        {
            Line($"**The file did not complete within the measurement's time budget** (`--csv-budget`): {c.Accepted:N0} of {c.Rows:N0} rows accepted after {c.EndToEndSeconds} s; the rates below are over that part, and the file's later work was not waited for.");
            Line($"");
        }

        Line($"| | CSV file | REST, RDRs only | ratio |");
        Line($"|---|---:|---:|---:|");
        Line($"| **accepted per second** (CSV: upload start → batch completed) | **{c.RowsPerSecond}** | {r.AcceptedPerSecond} | **{c.RatioToRestRdr}** (goal ≥ 1.5) |");
        Line($"| accepted and their work done, per second | {c.SettledRowsPerSecond} | {r.SettledPerSecond} | {c.SettledRatioToRestRdr} |");
        Line($"");
        Line($"| | |");
        Line($"|---|---:|");
        Line($"| upload (stored as a blob) | {c.UploadSeconds} s |");
        Line($"| dry-run validation of every row | {c.DryRunSeconds} s ({c.Rows / Math.Max(0.001, c.DryRunSeconds):F0} rows/s) |");
        Line($"| import through DocumentIntake | {c.ImportSeconds} s |");
        Line($"| upload start → batch completed | {c.EndToEndSeconds} s |");
        Line($"| the file's work done after that | {(c.Settled ? "" : "not within ")}{c.DeliveredAfterSeconds} s more |");
        if (c.RestAcceptedPerSecond is { } mixed)
        {
            Line($"| the mixed REST saturation of this run (RDRs, claims, orders, parts orders; accepted/s) and the file against it | {mixed} → {c.RatioToRest} |");
        }

        Line($"| accepted / invalid rows | {c.Accepted:N0} / {c.Invalid:N0} |");
        Line($"| storage round trips per row (import, routing, delivery, rollups) | {c.StorageRoundTripsPerRow} |");
        Line($"| hub working set every 15 s during the file (MB) | {string.Join(", ", c.WorkingSetSeriesBytes.Select(Mb))} |");
        Line($"| hub working set: idle / peak during {c.SmallRows:N0} rows / peak during {c.Rows:N0} rows | {Mb(c.IdleWorkingSetBytes)} / {Mb(c.SmallPeakWorkingSetBytes)} / {Mb(c.PeakWorkingSetBytes)} MB |");
        Line($"");
        if (c.Quarters.Count > 0)
        {
            Line($"The file by quarter of its rows (15 s progress windows; a quarter's edges are window edges):");
            Line($"");
            Line($"| rows | accepted per second | Azurite CPU ms a row | hub CPU ms a row |");
            Line($"|---|---:|---:|---:|");
            foreach (var q in c.Quarters)
            {
                Line($"| {q.FromRow:N0}–{q.ToRow:N0} | {q.RowsPerSecond} | {q.AzuriteMsPerRow} | {q.HubMsPerRow} |");
            }

            Line($"");
        }

        Line($"Where the round trips of the {c.Rows:N0}-row file went (the hub's own count by step; steps under 0.01 per row left out). Outside any step — the console's projector, recovery sweeps — another {c.StorageRoundTripsPerRow - c.Steps.Sum(s => s.Runs * s.RoundTripsPerRun) / c.Rows:F2} per row:");
        Line($"");
        Line($"| document type | step | runs | round trips per run | per row |");
        Line($"|---|---|---:|---:|---:|");
        foreach (var s in c.Steps.Where(s => s.Runs * s.RoundTripsPerRun >= c.Rows / 100.0))
        {
            Line($"| {s.DocumentType} | {s.Step} | {s.Runs} | {s.RoundTripsPerRun} | {s.Runs * s.RoundTripsPerRun / c.Rows:F2} |");
        }
    }

    private static void Hq(HqResult h, Action<FormattableString> Line)
    {
        Line($"");
        Line($"**HQ figures at scale.** {h.Seeded:N0} RDRs seeded through the storage layer in {h.SeedSeconds} s ({h.SeedDocumentsPerSecond:N0}/s: documents in 100-document entity-group transactions in key order, rollups summed in memory and written as whole rows; Azurite resident {Mb(h.AzuriteBytesBefore)} → {Mb(h.AzuriteBytesSeeded)} MB, {(h.AzuriteBytesSeeded - h.AzuriteBytesBefore) / Math.Max(1, h.Seeded):N0} bytes per RDR, {Mb(h.AzuriteBytesEnd)} MB at the end); the figures equal the seeded truth: {h.SeededFiguresMatch}. First (cold) month × region × model query over 12 months: {h.ColdQueryMilliseconds} ms. Then {(h.Queries.Count > 0 ? h.Queries[0].Milliseconds.Count : 0)} calls each, from a client:");
        Line($"");
        Line($"| breakdown | p50 (ms) | p99 (ms) |");
        Line($"|---|---:|---:|");
        foreach (var q in h.Queries)
        {
            Line($"| {q.Name} | {q.Milliseconds.P50} | {q.Milliseconds.P99} |");
        }

        if (h.Burst is not { } b)
        {
            Line($"");
            Line($"No burst in this run (`--burst-rdrs 0`).");
            return;
        }

        Line($"");
        Line($"**Burst and recount (C5).** {b.Dealers} dealers of a new region sent {b.Sent:N0} RDRs at once over REST ({b.AcceptedPerSecond}/s; {b.DuplicatesReplayed}/{b.DuplicatesSent} duplicates answered as replays, {b.Unwound} unwound, {b.Retries} retries asked by the hub, {b.ServerErrors} server errors). {(b.Settled ? $"{b.SettledAfterSeconds} s after the last answer the burst's work was done (no work item of its dealers left in storage) and the figures equalled what the dealers were told" : $"**the burst had not settled {b.SettledAfterSeconds} s after the last answer**")}; the recount read the region's stored documents in {b.RecountSeconds} s. The region's figures ({b.Cells} month × dealer × model × sale type cells) equal what the dealers were told: **{b.FiguresEqualExpected}**, and a recount of the stored documents: **{b.FiguresEqualStorageRecount}**. Dead letters: {b.DeadLetters}.");
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("F0", CultureInfo.InvariantCulture);
}
