using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dms.DealerSimulator;
using Dms.Testing;

namespace Dms.Bench;

/// <summary>One console page as measured from a signed-in client: time to the last byte, and the bytes sent.</summary>
internal sealed record PageResult(string Name, string Example, Percentiles Milliseconds, long MaxBytes, int Errors, double TargetMilliseconds)
{
    /// <summary>What a request cost on average (<see cref="ConsoleProbe"/>); none for the storage floor.</summary>
    public PageCost? Cost { get; init; }

    public bool MeetsTarget => Errors == 0 && Milliseconds.P95 <= TargetMilliseconds && MaxBytes <= ConsolePhase.MaxPageBytes;
}

/// <param name="AzuriteBeforeBytes">Azurite's resident memory before seeding (its empty tables and the dealers).</param>
/// <param name="Census">Rows and bytes per table family (small seeds only, see <see cref="ConsoleCensus"/>).</param>
internal sealed record ConsoleResult(int Documents, double SeedSeconds, double SeedDocumentsPerSecond, long AzuriteBeforeBytes, long AzuriteWorkingSetBytes, string LoadBefore, string LoadAfter,
    IReadOnlyList<TableFamily> Census, IReadOnlyList<PageResult> Pages)
{
    public bool Passed => Pages.All(p => p.Errors == 0);

    /// <summary>Azurite's heap in use after a full collection, right after seeding (<see cref="AzuriteHeap"/>).</summary>
    public long? AzuriteLiveHeapBytes { get; init; }
}

/// <summary>
/// ./dms bench --phase console [--console-documents N]: a stack of its own (Azurite with room for the documents, the
/// background sweeps and alert evaluation slowed down), N documents of every type seeded through the storage adapter's bulk paths
/// (<see cref="ConsoleSeeder"/>), then each console page fetched over HTTP by a signed-in session — varied inputs,
/// one request at a time — against issue 13's targets: p95 ≤ 300 ms per page, ≤ 100 ms for a search by a business
/// key, ≤ 500 KB per page.
/// </summary>
internal static partial class ConsolePhase
{
    public const long MaxPageBytes = 500 * 1024;
    private const double PageTarget = 300;
    private const double SearchTarget = 100;
    private const int Iterations = 40;

    /// <summary>A page slower than its target gets fewer samples (at least five), so one slow page cannot hold the run for long.</summary>
    private static readonly TimeSpan PageBudget = TimeSpan.FromSeconds(30);
    private const string NorthKey = "bench-console-north-0123456789";

    /// <param name="only">Times only the pages whose names contain one of these (all when empty) — for iterating on a few.</param>
    /// <param name="waitFile">
    /// When set, the pages are timed only once this file exists: seeding a million documents takes half an hour of both
    /// cores, the pages a few minutes, and on a shared machine only the minutes need it quiet.
    /// </param>
    /// <param name="rounds">How many times the pages are timed over the one seeded store (see <see cref="WaitForTurnAsync"/>).</param>
    public static async Task<ConsoleResult> RunAsync(int documents, IReadOnlyList<string> only, string waitFile, int rounds, TextWriter output)
    {
        output.WriteLine($"== Console: {documents} documents stored, then every page timed over HTTP (signed in)");
        var nodeOptions = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        var heap = new AzuriteHeap();
        // 16 GB: each document's listing rows are also in its dealer's week table since session 10 (≈ 2.5 KB more of
        // Azurite's heap a document, session 6's census), so a million documents need ≈ 11 GB live (session 9: 8.2 KB a document).
        Environment.SetEnvironmentVariable("NODE_OPTIONS", heap.NodeOptions("--max-old-space-size=16384"));
        var hub = Profiles.Hub(maxAttempts: 30, maxDelaySeconds: 5);
        // The hub's background walks slowed down: the recovery sweep and the projector's change-feed sweep are range
        // queries over the documents table, which Azurite answers by walking all of it (≈ 0.6 s a shard at a million
        // documents, four shards, every ≈ 22 s by SweepPacing — session 16: the pages timed then missed 300 ms on the
        // samples that queued behind them), and the technical alerts' evaluation reads the overview and failures
        // every 30 s. The pages' own cost is what is timed; what the sweeps cost them is in README (session 16's run).
        hub["Dms:Work:RecoveryIntervalSeconds"] = "3600";
        hub["Dms:Insights:SweepSeconds"] = "3600";
        hub["Dms:TechnicalAlerts:IntervalSeconds"] = "3600";
        hub["Dms:RateLimit:Enabled"] = "false";
        hub["Dms:Console:Users:north:Name"] = "Bench North";
        hub["Dms:Console:Users:north:Role"] = "RegionalManager";
        hub["Dms:Console:Users:north:Region"] = "North";
        hub["Dms:Console:Users:north:KeyHash"] = Dms.Console.ConsoleKeys.Hash(NorthKey);
        // Seeding keeps nearly every row it writes: with the 64 MB young generation the tests use (AzuriteFixture), each
        // scavenge copies a young generation of survivors, and seeding ran at about half the rate of Node's 16 MB
        // (README, console pages: session 9). Azurite's telemetry (a span per request) is off, as nothing here reads it.
        // V8's memory reducer is off: when Azurite goes quiet it collects to give memory back, and at 1,000,000 documents
        // each of those is ≈ 16 s of marking a 12.6 GB heap, every few minutes, landing on one or two pages of every
        // round (session 21). Collections still come when the heap reaches V8's limit (session 22: none in two rounds).
        var emulator = AzuriteFixture.With("--max-semi-space-size=16 --no-memory-reducer", ["--disableTelemetry"]);
        await using var stack = await Stack.StartAsync(hub, Profiles.Oem(), emulator);
        Environment.SetEnvironmentVariable("NODE_OPTIONS", nodeOptions);

        var loadBefore = Load();
        using var azurite = Process.GetProcessById(stack.Azurite.ProcessId);
        var azuriteBefore = azurite.WorkingSet64;
        var seeded = await ConsoleSeeder.SeedAsync(stack.Azurite.ConnectionString, hub, documents, output);
        GC.Collect();
        azurite.Refresh();
        output.WriteLine($"   seeded {seeded.Documents} documents in {seeded.Seconds} s ({seeded.Documents / seeded.Seconds:F0}/s); Azurite holds {azurite.WorkingSet64 / 1024 / 1024} MiB (before: {azuriteBefore / 1024 / 1024} MiB, {(azurite.WorkingSet64 - azuriteBefore) / Math.Max(1, seeded.Documents)} bytes a document); load {loadBefore}");
        var live = await heap.LiveBytesAsync(stack.Azurite.ProcessId);
        output.WriteLine($"   Azurite's live heap after a full collection: {live / 1024 / 1024} MiB ({live / Math.Max(1, seeded.Documents)} bytes a document, empty store included)");
        var census = seeded.Documents <= ConsoleCensus.MaxDocuments ? await ConsoleCensus.TakeAsync(stack.Azurite.ConnectionString) : [];
        foreach (var family in census)
        {
            output.WriteLine($"   table {family.Name} ({family.Tables}): {family.Rows} rows, {(double)family.Rows / seeded.Documents:F2} a document, {family.Bytes / Math.Max(1, family.Rows)} bytes a row, {family.Bytes / seeded.Documents} bytes a document");
        }

        ConsoleResult? last = null;
        for (var round = 1; round <= rounds; round++)
        {
            if (!await WaitForTurnAsync(stack, waitFile, round, output))
            {
                break;
            }

            PagesFolder = Path.Combine(RepoRoot.Path, "artifacts", "bench", rounds == 1 ? "console-pages" : $"console-round{round}-pages");
            var results = await TimePagesAsync(stack, azurite, seeded, only, output);

            // Destroys the store (drops the tables one by one): after the last round only.
            foreach (var (family, bytes) in round == rounds && census.Count > 0 ? await heap.ByFamilyAsync(stack.Azurite.ProcessId, stack.Azurite.ConnectionString, census) : [])
            {
                var rows = census.First(f => f.Name == family).Rows;
                output.WriteLine($"   live heap: {family} {bytes / 1024 / 1024} MiB, {bytes / Math.Max(1, seeded.Documents)} bytes a document, {bytes / Math.Max(1, rows)} bytes a row");
            }

            last = new ConsoleResult(seeded.Documents, seeded.Seconds, Math.Round(seeded.Documents / seeded.Seconds, 1), azuriteBefore, azurite.WorkingSet64, loadBefore, Load(), census, results) { AzuriteLiveHeapBytes = live };
            await WriteAsync(last, rounds == 1 ? "console" : $"console-round{round}");
        }

        return last!;
    }

    /// <summary>
    /// Before a round: waits for the wait file (when set). Its lines may name another checkout (a folder with its
    /// Release build) and give hub settings (<c>key=value</c>): either restarts the hub over the same store, so two
    /// versions or settings are timed over one seeding; <c>stop</c> ends the run. The file is removed once read.
    /// </summary>
    private static async Task<bool> WaitForTurnAsync(Stack stack, string waitFile, int round, TextWriter output)
    {
        if (waitFile.Length == 0)
        {
            return true;
        }

        output.WriteLine($"   {DateTime.UtcNow:HH:mm:ss} round {round}: waiting for {waitFile} to exist before timing pages");
        while (!File.Exists(waitFile))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        var lines = (await File.ReadAllLinesAsync(waitFile)).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        File.Delete(waitFile);
        if (lines.Contains("stop"))
        {
            output.WriteLine($"   {DateTime.UtcNow:HH:mm:ss} stopped before round {round}");
            return false;
        }

        var settings = lines.Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        var root = lines.FirstOrDefault(l => !l.Contains('='));
        if (root is not null || settings.Count > 0)
        {
            await stack.RestartHubAsync(root, settings);
            output.WriteLine($"   hub restarted{(root is null ? "" : $" from the build in {root}")}{(settings.Count == 0 ? "" : " with " + string.Join(", ", settings.Select(s => $"{s.Key}={s.Value}")))} (pid {stack.Hub.ProcessId})");
        }

        output.WriteLine($"   {DateTime.UtcNow:HH:mm:ss} {waitFile} found; load {Load()}");
        return true;
    }

    /// <summary>Where each page's first response of the round is kept, to see what was timed (a page, not an error or an empty list).</summary>
    private static string PagesFolder { get; set; } = "";

    private static Task KeepAsync(string name, byte[] body)
    {
        Directory.CreateDirectory(PagesFolder);
        var file = string.Concat(name.Select(c => char.IsLetterOrDigit(c) ? c : '-'));
        return File.WriteAllBytesAsync(Path.Combine(PagesFolder, file + ".html"), body);
    }

    private static async Task WriteAsync(ConsoleResult result, string name)
    {
        var folder = Path.Combine(RepoRoot.Path, "artifacts", "bench");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), JsonSerializer.Serialize(new { machine = Machine.Describe(), console = result }, SimulationJson.Options));
        await File.WriteAllTextAsync(Path.Combine(folder, name + ".md"), ConsoleReport.Markdown(result));
    }

    private static async Task<List<PageResult>> TimePagesAsync(Stack stack, Process azurite, ConsoleSeeder.Seeded seeded, IReadOnlyList<string> only, TextWriter output)
    {
        using var admin = await SignInAsync(stack.HubUrl, HubSettings.AdminKey);
        using var north = await SignInAsync(stack.HubUrl, NorthKey);
        var random = new Random(13);
        string Pick(IReadOnlyList<string> list) => list[random.Next(list.Count)];
        var dealer = () => seeded.Dealers[random.Next(seeded.Dealers.Count)].Code;
        var northDealer = () => seeded.Dealers.Where(d => d.Region == "North").ElementAt(random.Next(seeded.Dealers.Count / 5)).Code;
        var month = DateTimeOffset.UtcNow.AddDays(-ConsoleSeeder.Days).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var pages = new List<(string Name, Func<string> Path, double Target, HttpClient Client)>
        {
            ("overview, 24 h", () => "/console", PageTarget, admin),
            ("overview, 30 d", () => "/console?window=30d", PageTarget, admin),
            ("documents, last 7 days", () => "/console/documents", PageTarget, admin),
            ("documents, 30 days, type + outcome filter", () => $"/console/documents?from={month}&type=warranty-claim&outcome=Failed", PageTarget, admin),
            ("documents, one dealer, oldest first", () => $"/console/documents?from={month}&dealer={dealer()}&sort=oldest", PageTarget, admin),
            ("documents, region + status", () => $"/console/documents?region={HqSeeder.Regions[random.Next(5)]}&status=Delivered", PageTarget, admin),
            ("documents, error code", () => "/console/documents?error=HTTP_503", PageTarget, admin),
            ("search by VIN", () => "/console/documents?q=" + Pick(seeded.Vins), SearchTarget, admin),
            ("search by document number", () => "/console/documents?q=" + Pick(seeded.Numbers), SearchTarget, admin),
            ("search by tracking ID", () => "/console/documents?q=" + Pick(seeded.TrackingIds), SearchTarget, admin),
            ("document detail", () => "/console/documents/" + Pick(seeded.TrackingIds), PageTarget, admin),
            ("vehicle view", () => "/console/vehicles/" + Pick(seeded.Vins), PageTarget, admin),
            ("failures", () => "/console/failures", PageTarget, admin),
            ("dealers", () => "/console/dealers", PageTarget, admin),
            ("dealer page", () => "/console/dealers/" + dealer(), PageTarget, admin),
            ("HQ: warranty", () => "/console/hq/warranty", PageTarget, admin),
            ("HQ: warranty, a region", () => "/console/hq/warranty?region=" + HqSeeder.Regions[random.Next(5)], PageTarget, admin),
            ("HQ: warranty, a district", () => "/console/hq/warranty?district=" + HqSeeder.District(random.Next(HqSeeder.Dealers)), PageTarget, admin),
            ("HQ: vehicle orders", () => "/console/hq/vehicle-orders", PageTarget, admin),
            ("HQ: parts", () => "/console/hq/parts", PageTarget, admin),
            ("HQ: parts, a district (90 days)", () => "/console/hq/parts?district=" + HqSeeder.District(random.Next(HqSeeder.Dealers)), PageTarget, admin),
            ("HQ: parts, a dealer", () => "/console/hq/parts?dealer=" + dealer(), PageTarget, admin),
            ("HQ: sales", () => "/console/hq/sales", PageTarget, admin),
            ("HQ: periodic reports", () => "/console/hq/periodic-reports", PageTarget, admin),
            ("alerts", () => "/console/alerts", PageTarget, admin),
            ("audit", () => "/console/audit", PageTarget, admin),
            ("export, one dealer, 7 days (whole file)", () => $"/console/documents/export.csv?dealer={dealer()}", PageTarget, admin),
            ("regional manager: overview", () => "/console", PageTarget, north),
            ("regional manager: documents", () => "/console/documents", PageTarget, north),
            ("regional manager: a dealer's documents", () => $"/console/documents?dealer={northDealer()}", PageTarget, north),
            ("regional manager: search by VIN", () => "/console/documents?q=" + Pick(seeded.Vins), SearchTarget, north),
        };

        bool Timed(string name) => only.Count == 0 || only.Any(o => name.Contains(o, StringComparison.OrdinalIgnoreCase));
        var results = new List<PageResult>();
        var probe = new ConsoleProbe(stack, azurite);
        if (Timed("storage floor"))
        {
            foreach (var floor in await ConsoleFloor.MeasureAsync(stack.Azurite.ConnectionString, output))
            {
                results.Add(floor);
                output.WriteLine($"   {floor.Name}: p50 {floor.Milliseconds.P50} ms, p95 {floor.Milliseconds.P95} ms");
            }
        }

        // Every page's line in the log, the last two included (session 17's round tables, read from the log, left them out).
        void Add(PageResult result)
        {
            results.Add(result);
            output.WriteLine($"   {result.Name}: p50 {result.Milliseconds.P50} ms, p95 {result.Milliseconds.P95} ms, p99 {result.Milliseconds.P99} ms, ≤ {result.MaxBytes / 1024} KB{(result.Errors > 0 ? $", {result.Errors} errors" : "")}; a request: {result.Cost!.StorageCalls} storage calls, hub CPU {result.Cost.HubCpuMilliseconds} ms, Azurite CPU {result.Cost.AzuriteCpuMilliseconds} ms{(result.MeetsTarget ? "" : "  ← misses the target")}");
        }

        foreach (var (name, path, target, client) in pages.Where(p => Timed(p.Name)))
        {
            Add(await ProbedAsync(probe, () => TimeAsync(client, name, path, target, output)));
        }

        if (Timed("documents, next page"))
        {
            Add(await ProbedAsync(probe, () => TimeNextPageAsync(admin, output)));
        }

        if (Timed("export, 7 days, first 500 rows"))
        {
            Add(await ProbedAsync(probe, () => TimeExportFirstRowsAsync(admin)));
        }

        return results;
    }

    private static async Task<PageResult> ProbedAsync(ConsoleProbe probe, Func<Task<PageResult>> time)
    {
        var before = await probe.TakeAsync();
        var result = await time();
        return result with { Cost = (await probe.TakeAsync()).Since(before, result.Milliseconds.Count) };
    }

    /// <param name="output">Where each sample slower than the target is logged with its time (to set beside Azurite's garbage collections).</param>
    private static async Task<PageResult> TimeAsync(HttpClient client, string name, Func<string> path, double target, TextWriter output)
    {
        var samples = new List<double>();
        var (maxBytes, errors, example) = (0L, 0, path());
        var budget = Stopwatch.StartNew();
        for (var i = 0; i < Iterations && (i < 5 || budget.Elapsed < PageBudget); i++)
        {
            var url = path();
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (i == 0)
            {
                await KeepAsync(name, body);
            }
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (samples[^1] > target)
            {
                output.WriteLine($"     slow sample: {name} {samples[^1]:F0} ms, ended {DateTimeOffset.UtcNow:HH:mm:ss.fff} ({url})");
            }

            maxBytes = Math.Max(maxBytes, body.Length);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                errors++;
            }
        }

        return new PageResult(name, example, Percentiles.Of(samples), maxBytes, errors, target);
    }

    /// <summary>The documents list's second page (read with the token of the first, as the "Next page" link does).</summary>
    private static async Task<PageResult> TimeNextPageAsync(HttpClient client, TextWriter output)
    {
        var first = await client.GetStringAsync("/console/documents");
        var next = NextLink().Match(first) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : "/console/documents";
        return await TimeAsync(client, "documents, next page", () => next, PageTarget, output);
    }

    /// <summary>
    /// The CSV export of seven days, unfiltered: time until its first 500 rows have arrived (the stream then dropped).
    /// As many samples as any page (it took 10 until session 8, so its p95 was its slowest sample), each after a pause
    /// of <see cref="ExportSettle"/>: a client leaving mid-file leaves the hub's page in flight to Azurite (one thread),
    /// which the next sample would otherwise wait behind — the one cost here that is not the sample's own.
    /// </summary>
    private static async Task<PageResult> TimeExportFirstRowsAsync(HttpClient client)
    {
        var samples = new List<double>();
        var errors = 0;
        for (var i = 0; i < Iterations && (i < 5 || samples.Sum() < PageBudget.TotalMilliseconds); i++)
        {
            await Task.Delay(ExportSettle);
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync("/console/documents/export.csv", HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            var lines = 0;
            while (lines <= 500 && await reader.ReadLineAsync() is not null)
            {
                lines++;
            }

            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            errors += response.StatusCode == HttpStatusCode.OK && lines > 500 ? 0 : 1;
        }

        return new PageResult("export, 7 days, first 500 rows", "/console/documents/export.csv", Percentiles.Of(samples), 0, errors, PageTarget);
    }

    private static readonly TimeSpan ExportSettle = TimeSpan.FromMilliseconds(500);

    private static async Task<HttpClient> SignInAsync(Uri hub, string key)
    {
        // No drain: .NET's handler reads up to 1 MB of a response disposed before its end, to reuse the connection. The
        // export's sample drops its stream after 500 rows, and with the drain the hub kept sending ≈ 7,500 more rows (28
        // storage calls a sample at 100,000 documents, hub CPU 213 ms for a 24 ms sample) into the next samples. A
        // browser or curl that stops a download closes the connection; so does this client. Every other page is read whole.
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false, MaxResponseDrainSize = 0 };
        var client = new HttpClient(handler) { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(120) };
        var form = await client.GetStringAsync("/console/sign-in");
        var token = Token().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = key, ["returnUrl"] = "/console", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) });
        using var response = await client.PostAsync("/console/actions/sign-in", content);
        if (response.Headers.Location?.ToString() != "/console")
        {
            throw new InvalidOperationException($"Console sign-in failed: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("href=\"([^\"]+)\" rel=\"next\"")]
    private static partial Regex NextLink();
}
