using System.Net;

namespace Dms.Functions.Tests.Delivery;

/// <summary>How the hub treats an OEM that fails: transient failures retried under the same key, permanent ones not.</summary>
public sealed class DeliveryRetryTests(DeliveryRetryTests.Fixture fixture) : IClassFixture<DeliveryRetryTests.Fixture>
{
    private HubHost Hub => fixture.Hub;

    private OemStub Oem => fixture.Oem;

    [Fact]
    public async Task Oem503Twice_RetriedWithSameKey_DeliveredOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var number = "WC-503-" + TestDocuments.Next();
        Oem.Script(number, r => r.WithStatusCode(503), r => r.WithStatusCode(503), r => r.WithStatusCode(201).WithBodyAsJson(new { oemReference = "OEM-AFTER-503" }));

        var (trackingId, _) = await dealer.SubmitValidClaimAsync(number);
        var claim = await dealer.WaitForDeliveryAsync(trackingId);

        var requests = Oem.RequestsFor(number);
        Assert.Equal(3, requests.Count);
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Single(requests.Select(r => r.RawBody).Distinct());
        Assert.Equal("OEM-AFTER-503", claim["oemReference"]!.GetValue<string>());
        Assert.Equal(3, claim["deliveries"]![0]!["attempts"]!.GetValue<int>());
        Assert.Equal(2, claim["timeline"]!.AsArray().Count(e => e!["event"]!.GetValue<string>() == "DeliveryAttemptFailed"));
    }

    [Fact]
    public async Task Oem429WithRetryAfter_WaitHonoured()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var number = "WC-429-" + TestDocuments.Next();
        Oem.Script(number, r => r.WithStatusCode(429).WithHeader("Retry-After", "1"), r => r.WithStatusCode(201));

        var (trackingId, _) = await dealer.SubmitValidClaimAsync(number);
        await dealer.WaitForDeliveryAsync(trackingId);

        var requests = Oem.RequestsFor(number);
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(950), $"retried after {(requests[1].At - requests[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task OemSlowerThanTimeout_RetriedWithSameKey()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var number = "WC-SLOW-" + TestDocuments.Next();
        Oem.Script(number, r => r.WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(3)), r => r.WithStatusCode(201).WithBodyAsJson(new { oemReference = "OEM-SECOND" }));

        var (trackingId, _) = await dealer.SubmitValidClaimAsync(number);
        var claim = await dealer.WaitForDeliveryAsync(trackingId);

        // WireMock logs the slow request only when its delay ends.
        var requests = await Eventually.GetAsync(() => Task.FromResult(Oem.RequestsFor(number)), r => r.Count >= 2, what: "both attempts logged");
        Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        Assert.Contains(claim["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "DeliveryAttemptFailed" && e["details"]!["error"]!.GetValue<string>() == "Timed out.");
    }

    [Fact]
    public async Task Oem422_NotRetried_RejectedAndVisibleToTheDealer()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var number = "WC-422-" + TestDocuments.Next();
        Oem.Script(number, r => r.WithStatusCode(422).WithHeader("Content-Type", "application/problem+json").WithBodyAsJson(new { title = "Invalid", detail = "Labor operation EN1001 is not valid for this model." }));

        var (trackingId, _) = await dealer.SubmitValidClaimAsync(number);
        var claim = await dealer.WaitForAsync(trackingId, c => c["status"]!.GetValue<string>() == "Rejected", "rejected");

        Assert.Single(Oem.RequestsFor(number));
        var delivery = claim["deliveries"]![0]!;
        Assert.Equal("Failed", delivery["status"]!.GetValue<string>());
        Assert.Equal("HTTP 422: Labor operation EN1001 is not valid for this model.", delivery["lastError"]!.GetValue<string>());
        var notification = (await dealer.Http.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().Single()!;
        Assert.Equal("Rejected", notification["status"]!.GetValue<string>());
        Assert.Contains("resubmissions", claim["links"]!.AsObject().Select(l => l.Key));
    }

    [Fact]
    public async Task OemDown_Transient_DeadLetteredAfterMaxAttemptsThenReplayedOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var number = "WC-DOWN-" + TestDocuments.Next();
        Oem.Script(number, r => r.WithStatusCode(500));

        var (trackingId, _) = await dealer.SubmitValidClaimAsync(number);
        var claim = await dealer.WaitForDeliveryAsync(trackingId, "DeadLettered");

        Assert.Equal(4, Oem.RequestsFor(number).Count);
        Assert.Contains(claim["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "DeliveryDeadLettered");
        var letters = (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray();
        var letter = Assert.Single(letters, l => l!["trackingId"]!.GetValue<string>() == trackingId)!;
        Assert.Contains("Gave up after 4 attempts: HTTP 500", letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        Oem.Unscript(number);
        var id = letter["id"]!.GetValue<string>();
        using var first = await admin.PostAsync($"/api/v1/admin/dead-letters/{id}/replay", null);
        using var second = await admin.PostAsync($"/api/v1/admin/dead-letters/{id}/replay", null);
        await dealer.WaitForDeliveryAsync(trackingId);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        await Task.Delay(500);
        Assert.Equal(5, Oem.RequestsFor(number).Count);
        Assert.Single(Oem.RequestsFor(number).Select(r => r.IdempotencyKey).Distinct());
        Assert.DoesNotContain((await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == id);
        Assert.Contains((await admin.GetJsonAsync("/api/v1/admin/dead-letters?status=all"))["items"]!.AsArray(), l => l!["id"]!.GetValue<string>() == id);
        Assert.Contains((await dealer.ClaimAsync(trackingId))["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Replayed" && e["actor"]!.GetValue<string>() == "operator");
    }

    [Theory]
    [InlineData("D001.01K0000000000000000000000")]
    [InlineData("nonsense")]
    public async Task Replay_UnknownDeadLetter_404(string id)
    {
        using var admin = Hub.Client(HubSettings.AdminKey);

        using var response = await admin.PostAsync($"/api/v1/admin/dead-letters/{id}/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task RdrDelivery_HqRefuses_RejectedAndVinFreed()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = TestDocuments.NewVin();
        var rdr = TestDocuments.Rdr(vin);
        Oem.Script(rdr["reportNumber"]!.GetValue<string>(), r => r.WithStatusCode(400).WithBodyAsJson(new { title = "Unknown model" }));

        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", rdr);
        var trackingId = (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        await dealer.WaitForAsync(trackingId, c => c["status"]!.GetValue<string>() == "Rejected", "rdr rejected", "retail-delivery-reports");

        using var again = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    /// <summary>Every test here makes the one OEM destination fail on purpose; the breaker must not judge across tests.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings) =>
            settings["Dms:Routing:Destinations:oem:BreakMinimumThroughput"] = "10000";
    }
}
