using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>
/// What a file of RDRs cost: dry run, import, rows accepted per second (upload → batch completed) against REST's RDRs
/// accepted per second on the same stack, and the same once the work the documents cause is done; the hub's memory.
/// </summary>
internal sealed record CsvResult(
    bool Completed, int Rows, long Bytes, double UploadSeconds, double DryRunSeconds, double ImportSeconds, double EndToEndSeconds, double RowsPerSecond,
    double? RestAcceptedPerSecond, double? RatioToRest, RestRdrResult RestRdr, double RatioToRestRdr, int Accepted, int Invalid,
    bool Settled, double DeliveredAfterSeconds, double SettledRowsPerSecond, double SettledRatioToRestRdr,
    long IdleWorkingSetBytes, int SmallRows, long SmallPeakWorkingSetBytes, long PeakWorkingSetBytes, double StorageRoundTripsPerRow, IReadOnlyList<long> WorkingSetSeriesBytes,
    IReadOnlyList<StepCost> Steps, IReadOnlyList<CsvQuarter> Quarters)
{
    /// <summary>Every valid row accepted and none refused that should not be.</summary>
    public bool Passed => Completed && Accepted + Invalid == Rows;
}

/// <summary>
/// First REST's like-for-like rate on the same stack (<see cref="RestRdrSaturation"/>: RDRs of mailbox dealers). Then
/// uploads a small file (10 % of the rows, at most 2,000) and the full one, streamed from disk, from a mailbox dealer (a file-based
/// dealer system); follows each batch to its end while sampling the hub's working set, then waits until none of the
/// dealer's work is left (every RDR routed and delivered, its effects and sales rollup done: <see cref="WorkDrain"/>).
/// 1 % of the rows are invalid on purpose. Accepted = committed as a document and answered in the batch's status.
/// </summary>
/// <remarks>
/// On a stack of its own with the hub's default recovery-sweep interval (30 s; the REST phases use 5 s): each sweep
/// runs one range query per shard, which Azurite answers in time proportional to the whole documents table — half a
/// million rows after a large file — where Azure Table Storage uses its index. The REST rate it is compared with
/// comes from the same run.
/// </remarks>
internal static class CsvPhase
{
    /// <param name="budget">
    /// How long the phase may take (0: no limit) — a measurement shares the machine: a file not completed by then is
    /// reported as far as it got (rows accepted per second so far) and its later work is not waited for.
    /// </param>
    public static async Task<CsvResult> RunAsync(int rows, double? restRate, TimeSpan budget, TextWriter output)
    {
        var phase = Stopwatch.GetTimestamp();
        var hub = Profiles.Hub(maxAttempts: 30, maxDelaySeconds: 5);
        hub["Dms:Work:RecoveryIntervalSeconds"] = "30";
        var nodeOptions = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        // Kept: options given to the benchmark (e.g. --perf-basic-prof, to profile Azurite with perf) reach Azurite too.
        Environment.SetEnvironmentVariable("NODE_OPTIONS", ("--max-old-space-size=8192 " + nodeOptions).Trim());
        await using var stack = await Stack.StartAsync(hub, Profiles.Oem());
        Environment.SetEnvironmentVariable("NODE_OPTIONS", nodeOptions);
        using var admin = stack.AdminClient();
        var dealer = await TestDealer.RegisterAsync(admin, "CSV" + Random.Shared.Next(100_000, 999_999), "mailbox", null, "East", "Aurora", "East-A");
        using var http = stack.Hub.Client(dealer.ApiKey);
        http.Timeout = TimeSpan.FromMinutes(30);
        await RuntimeSnapshot.WaitIdleAsync(stack, TimeSpan.FromSeconds(60));
        var idle = (await RuntimeSnapshot.TakeAsync(stack)).WorkingSetBytes;
        var restRdr = await RestRdrSaturation.RunAsync(stack, 3000, output);

        var mine = new HashSet<string>([dealer.Code], StringComparer.Ordinal);
        // The small file shows what a file costs in memory when it is small: a tenth of the rows, at most 2,000.
        var small = Math.Clamp(rows / 10, 100, 2000);
        var (smallBatch, smallPeak, _, _, _, _) = await UploadAsync(stack, http, small, null, output);
        await WorkDrain.WaitAsync(stack.Azurite.ConnectionString, mine, TimeSpan.FromMinutes(5), output);
        output.WriteLine($"   {small} rows: {smallBatch["progress"]!["accepted"]} accepted, peak working set {smallPeak / 1024 / 1024} MB");
        var before = await RuntimeSnapshot.TakeAsync(stack);
        var deadline = budget > TimeSpan.Zero ? phase + (long)(budget.TotalSeconds * Stopwatch.Frequency) : (long?)null;
        var (batch, peak, upload, series, polled, marks) = await UploadAsync(stack, http, rows, deadline, output);
        var completed = batch["status"]!.GetValue<string>() == "Completed";
        // The file's own work, not an idle hub: the hub's background (projector, sweeps) keeps a trickle going anyway.
        var (settled, delivered) = completed ? await WorkDrain.WaitAsync(stack.Azurite.ConnectionString, mine, TimeSpan.FromMinutes(10), output) : (false, 0);
        var after = await RuntimeSnapshot.TakeAsync(stack);

        var timings = batch["timings"];
        var endToEnd = completed ? upload + timings!["totalSeconds"]!.GetValue<double>() : polled;
        var progress = batch["progress"]!;
        var accepted = progress["accepted"]!.GetValue<int>();
        var perSecond = accepted / endToEnd;
        var settledPerSecond = accepted / (endToEnd + delivered);
        var result = new CsvResult(completed, rows, batch["file"]!["bytes"]!.GetValue<long>(), Math.Round(upload, 1), timings?["validationSeconds"]?.GetValue<double>() ?? 0,
            timings?["importSeconds"]?.GetValue<double>() ?? 0, Math.Round(endToEnd, 1), Math.Round(perSecond, 1), restRate, restRate is > 0 ? Math.Round(perSecond / restRate.Value, 2) : null,
            restRdr, Math.Round(perSecond / restRdr.AcceptedPerSecond, 2), accepted, progress["rowsInvalid"]!.GetValue<int>(),
            settled, delivered, Math.Round(settledPerSecond, 1), Math.Round(settledPerSecond / restRdr.SettledPerSecond, 2), idle, small, smallPeak, peak,
            Math.Round((after.StorageTotal - before.StorageTotal) / (double)rows, 1), series, after.StepsSince(before), CsvQuarter.From(marks, accepted));
        output.WriteLine($"   {rows} rows{(completed ? "" : $" (NOT completed within the budget: {accepted} accepted after {Math.Round(endToEnd)} s)")}: dry run {result.DryRunSeconds} s, import {result.ImportSeconds} s, {result.RowsPerSecond} rows accepted/s (upload → completed) = {result.RatioToRestRdr} × REST RDRs ({restRdr.AcceptedPerSecond}/s){(restRate is null ? "" : $", {result.RatioToRest} × the mixed REST saturation ({restRate}/s)")}; work done {delivered} s later: {result.SettledRowsPerSecond} rows/s = {result.SettledRatioToRestRdr} × REST RDRs settled ({restRdr.SettledPerSecond}/s); peak working set {peak / 1024 / 1024} MB");
        foreach (var step in result.Steps.Where(s => s.Runs * s.RoundTripsPerRun >= rows / 100.0))
        {
            output.WriteLine($"   {step.DocumentType} {step.Step}: {step.Runs} runs × {step.RoundTripsPerRun} = {step.Runs * step.RoundTripsPerRun / rows:F2} per row");
        }

        foreach (var q in result.Quarters)
        {
            output.WriteLine($"   rows {q.FromRow}–{q.ToRow}: {q.RowsPerSecond} rows/s; CPU ms/row Azurite {q.AzuriteMsPerRow}, hub {q.HubMsPerRow}");
        }

        return result;
    }

    /// <param name="deadline">A stopwatch timestamp after which the batch is no longer waited for (its last status is returned).</param>
    private static async Task<(JsonObject Batch, long PeakWorkingSet, double UploadSeconds, IReadOnlyList<long> Series, double PolledSeconds, IReadOnlyList<CsvQuarter.Mark> Marks)> UploadAsync(
        Stack stack, HttpClient http, int rows, long? deadline, TextWriter output)
    {
        var file = await WriteFileAsync(rows);
        try
        {
            await using var sampler = new WorkingSetSampler(stack).Start();
            var started = Stopwatch.GetTimestamp();
            await using var content = File.OpenRead(file);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches?documentType=retail-delivery-report&fileName=bench.csv") { Content = new StreamContent(content) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
            using var response = await http.SendAsync(request);
            var created = await response.ReadJsonAsync();
            var upload = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var id = created["batchId"]?.GetValue<string>() ?? throw new InvalidOperationException($"Upload refused: {(int)response.StatusCode} {created}");
            var last = Stopwatch.GetTimestamp();
            var series = new List<long>();
            var window = (Snapshot: await RuntimeSnapshot.TakeAsync(stack), Imported: 0);
            var marks = new List<CsvQuarter.Mark> { Mark(window.Snapshot, 0) };
            var batch = await Eventually.GetAsync(async () =>
            {
                // A busy hub may answer a poll with an error (a storage timeout under load): that poll does not count.
                using var polled = await http.GetAsync("/api/v1/batches/" + id);
                if (!polled.IsSuccessStatusCode || (await polled.ReadJsonAsync()) is not { } current || current["progress"] is null)
                {
                    output.WriteLine($"   poll answered {(int)polled.StatusCode}; polling on");
                    return new JsonObject { ["status"] = "Unknown" };
                }

                if (Stopwatch.GetElapsedTime(last) > TimeSpan.FromSeconds(15))
                {
                    last = Stopwatch.GetTimestamp();
                    var now = await RuntimeSnapshot.TakeAsync(stack);
                    var imported = current["progress"]!["documentsImported"]!.GetValue<int>();
                    series.Add(now.WorkingSetBytes);
                    output.WriteLine($"   [{Stopwatch.GetElapsedTime(started).TotalSeconds,6:F0}s] {current["status"]} validated {current["progress"]!["rowsValidated"]} imported {imported}");
                    output.WriteLine("            " + Window.Describe(window, now, imported - window.Imported));
                    window = (now, imported);
                    marks.Add(Mark(now, imported));
                }

                return current;
            }, b => b["status"]!.GetValue<string>() is "Completed" or "Rejected" or "Failed" || (Stopwatch.GetTimestamp() > deadline && b["progress"] is not null), TimeSpan.FromHours(2), "batch finished");
            // The last stretch (after the last window, up to the final poll) closes the last quarter.
            var end = await RuntimeSnapshot.TakeAsync(stack);
            marks.Add(Mark(end, batch["progress"]?["documentsImported"]?.GetValue<int>() ?? window.Imported));
            return (batch, sampler.PeakBytes, upload, series, Stopwatch.GetElapsedTime(started).TotalSeconds, marks);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static CsvQuarter.Mark Mark(RuntimeSnapshot snapshot, int imported) => new(snapshot.At, imported, snapshot.CpuSeconds, snapshot.AzuriteCpuSeconds);

    private static async Task<string> WriteFileAsync(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dms-bench-{Guid.NewGuid():N}.csv");
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(true));
        await writer.WriteAsync(TestCsv.RdrHeader + "\r\n");
        var models = new[] { "AUR-SUV", "AUR-EV", "BOR-SED", "BOR-WGN" };
        for (var i = 0; i < rows; i++)
        {
            var row = TestCsv.RdrRow(number: $"BENCH-{Guid.NewGuid():N}"[..30], delivered: TestDocuments.Today.AddDays(-1 - (i % 20)), model: models[i % models.Length]);
            await writer.WriteAsync((i % 100 == 42 ? row.Replace(",12,km,", ",12.5,km,", StringComparison.Ordinal) : row) + "\r\n");
        }

        return path;
    }
}
