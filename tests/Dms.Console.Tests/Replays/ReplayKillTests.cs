using System.Text.RegularExpressions;

namespace Dms.Console.Tests.Replays;

/// <summary>
/// B5: the hub is SIGKILLed in the middle of a bulk replay started from the console and started again. Every selected
/// dead letter ends replayed exactly once — none lost, none doubled — each document's deliveries carry one
/// Idempotency-Key throughout, and the job's per-item result says so.
/// </summary>
public sealed partial class ReplayKillTests(AzuriteFixture azurite)
{
    private const int Items = 12;

    [Fact]
    public async Task HubKilledMidReplay_EveryItemReplayedOnce_NoneLostNoneDoubled()
    {
        using var oem = new OemStub();
        var settings = HubSettings.Defaults(azurite.ConnectionString, "k" + Guid.NewGuid().ToString("N")[..10], oem.ClaimsUrl, oem.RdrUrl, oem.OrdersUrl);
        settings["Dms:Console:Users:omar:Name"] = "Omar Operator";
        settings["Dms:Console:Users:omar:Role"] = "Operator";
        settings["Dms:Console:Users:omar:KeyHash"] = ConsoleKeys.Hash(ConsoleFixture.OperatorKey);
        ConsoleFixture.NoBreakers(settings);
        settings["Dms:Replay:ItemsPerSecond"] = "4";
        settings["Dms:Replay:ChunkSize"] = "2";
        settings["Dms:Replay:LeaseSeconds"] = "5";
        var port = ChildProcess.FreePort();
        var hub = await HubProcess.StartAsync(settings, port: port);
        try
        {
            var (dealer, numbers) = await DeadLetteredAsync(hub, oem);
            var deadLetters = await OpenDeadLettersAsync(hub, numbers.Count);
            foreach (var number in numbers)
            {
                oem.Unscript(number); // the OEM is back
            }

            var jobId = await StartReplayAsync(hub.BaseAddress, deadLetters);
            await Eventually.GetAsync(() => ProgressAsync(hub.BaseAddress, jobId), p => p.Done >= 3, TimeSpan.FromSeconds(60), "a few items replayed");
            await hub.KillAsync();
            await hub.DisposeAsync();
            hub = await HubProcess.StartAsync(settings, port: port);

            var finished = await Eventually.GetAsync(() => ProgressAsync(hub.BaseAddress, jobId), p => p.Finished, TimeSpan.FromSeconds(90), "the job finished after the restart");
            Assert.Equal(Items, finished.Done);
            var results = await ItemsCsvAsync(hub.BaseAddress, jobId);
            Assert.Equal(Items, results.Count);
            Assert.All(results, r => Assert.Equal("Replayed", r.Status));
            Assert.Equal(Items, results.Select(r => r.DeadLetterId).Distinct().Count());

            using var admin = hub.Client(HubSettings.AdminKey);
            var letters = (await admin.GetJsonAsync("/api/v1/admin/dead-letters?status=all"))["items"]!.AsArray();
            Assert.All(deadLetters, id => Assert.NotNull(letters.Single(l => l!["id"]!.GetValue<string>() == id)!["replayedAt"]));
            foreach (var number in numbers)
            {
                var requests = await Eventually.GetAsync(() => Task.FromResult(oem.RequestsFor(number)), r => r.Any(x => x.Status == "201"), TimeSpan.FromSeconds(60), $"{number} delivered after the replay");
                Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct()); // the OEM sees one effect: one key, before and after the replay
                var tracking = requests[0].Body!["trackingId"]!.GetValue<string>();
                using var api = hub.Client(dealer.ApiKey);
                var timeline = (await api.GetJsonAsync($"/api/v1/retail-delivery-reports/{tracking}"))["timeline"]!.AsArray();
                Assert.Single(timeline, e => e!["event"]!.GetValue<string>() == "Replayed");
            }
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    private static async Task<(TestDealer Dealer, List<string> Numbers)> DeadLetteredAsync(HubProcess hub, OemStub oem)
    {
        var dealer = await hub.CreateDealerAsync();
        using var api = hub.Client(dealer.ApiKey);
        var numbers = new List<string>();
        for (var i = 0; i < Items; i++)
        {
            var number = "RDR-B5-" + TestDocuments.Next();
            oem.Script(number, r => r.WithStatusCode(503));
            using var response = await api.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin(), number: number));
            Assert.True(response.IsSuccessStatusCode);
            numbers.Add(number);
        }

        return (dealer, numbers);
    }

    private static async Task<IReadOnlyList<string>> OpenDeadLettersAsync(HubProcess hub, int count)
    {
        using var admin = hub.Client(HubSettings.AdminKey);
        var items = await Eventually.GetAsync(async () => (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray(), a => a.Count >= count, TimeSpan.FromSeconds(60), "every delivery dead-lettered");
        return items.Select(i => i!["id"]!.GetValue<string>()).ToList();
    }

    private static async Task<string> StartReplayAsync(Uri hub, IReadOnlyList<string> deadLetters)
    {
        using var console = new ConsoleClient(hub);
        Assert.True(await console.SignInAsync(ConsoleFixture.OperatorKey));
        var fields = deadLetters.Select(d => new KeyValuePair<string, string>("key", d)).Append(new("reason", "B5: the OEM is back")).ToList();
        var form = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", await console.TokenAsync("/console")) };
        using var content = new FormUrlEncodedContent(form);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = console.Cookies, AllowAutoRedirect = false }) { BaseAddress = hub };
        using var response = await http.PostAsync("/console/actions/replays", content);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.ToString().Split('/')[^1];
    }

    private static async Task<(int Done, bool Finished)> ProgressAsync(Uri hub, string jobId)
    {
        try
        {
            using var console = new ConsoleClient(hub);
            await console.SignInAsync(ConsoleFixture.OperatorKey); // a restarted hub has new cookie keys
            var (_, html) = await console.GetTextAsync($"/console/replays/{jobId}/progress");
            var match = Progress().Match(html);
            return match.Success ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), html.Contains("data-finished", StringComparison.Ordinal)) : (0, false);
        }
        catch (HttpRequestException)
        {
            return (0, false);
        }
    }

    private static async Task<List<(string DeadLetterId, string Status)>> ItemsCsvAsync(Uri hub, string jobId)
    {
        using var console = new ConsoleClient(hub);
        Assert.True(await console.SignInAsync(ConsoleFixture.OperatorKey));
        var (_, csv) = await console.GetTextAsync($"/console/replays/{jobId}/items.csv");
        return csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Select(f => (f[1], f[6])).ToList();
    }

    [GeneratedRegex("<strong>(\\d+) of \\d+</strong>")]
    private static partial Regex Progress();
}
