using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>OEM events: legal ones change the claim, illegal ones are 409, concurrent ones never lose an update.</summary>
public sealed class OemEventTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Event_IllegalInCurrentState_409WithStatusAndAllowedEvents()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        var paid = new JsonObject { ["type"] = "Paid", ["creditMemo"] = new JsonObject { ["number"] = "CM-1", ["amount"] = TestDocuments.Usd(1), ["paidOn"] = "2026-11-01" } };

        var (status, body) = await dealer.OemEventAsync(trackingId, paid);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("INVALID_STATE_TRANSITION", body["code"]!.GetValue<string>());
        Assert.Equal("Submitted", body["documentStatus"]!.GetValue<string>());
        Assert.Contains("Accepted", body["allowedEvents"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task Event_DecisionWithoutItsData_422MissingEventData()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });

        var (status, body) = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Approved" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("MISSING_EVENT_DATA", body["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    // Approved, PartiallyApproved and Denied exclude each other: after any one, none of the others is legal.
    public async Task Event_ConcurrentConflictingDecisions_ExactlyOneWinsNoLostUpdate()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        JsonObject[] decisions =
        [
            new() { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) },
            new() { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") },
            new() { ["type"] = "PartiallyApproved", ["approvedAmount"] = TestDocuments.Usd(20000) },
        ];

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => dealer.OemEventAsync(trackingId, decisions[i % decisions.Length])));

        var winner = Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        var claim = await dealer.ClaimAsync(trackingId);
        Assert.Equal(winner.Body["status"]!.GetValue<string>(), claim["status"]!.GetValue<string>());
        var timeline = claim["timeline"]!.AsArray().Select(e => e!["sequence"]!.GetValue<int>()).ToList();
        Assert.Equal(Enumerable.Range(1, timeline.Count), timeline);
        Assert.Single(claim["timeline"]!.AsArray(), e => e!["from"]?.GetValue<string>() == "Accepted");
    }

    [Fact]
    public async Task Event_ConcurrentWithDelivery_BothRecorded()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        var (status, _) = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted", ["oemClaimNumber"] = "OEM-FAST" });
        var claim = await dealer.WaitForDeliveryAsync(trackingId);

        Assert.Equal(HttpStatusCode.OK, status);
        var events = claim["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Contains("Accepted", events);
        Assert.Contains("Delivered", events);
        Assert.Equal("OEM-FAST", claim["oemReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task Event_ReplayedWithSameKey_SameAnswerAppliedOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        var first = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" }, "oem-evt-1");
        var again = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" }, "oem-evt-1");
        var reused = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("X1") }, "oem-evt-1");

        Assert.Equal((HttpStatusCode.OK, first.Body.ToJsonString()), (again.Status, again.Body.ToJsonString()));
        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", reused.Body["code"]!.GetValue<string>());
        Assert.Single((await dealer.ClaimAsync(trackingId))["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Accepted");
    }

    [Theory]
    [InlineData("D001-01K0000000000000000000000")]
    [InlineData("garbage")]
    [InlineData("NOSUCHDEALER-01K0000000000000000000000")]
    public async Task Event_UnknownDocument_404(string trackingId)
    {
        using var oem = Hub.Client(HubSettings.OemKey);

        using var response = await oem.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", new JsonObject { ["type"] = "Accepted" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Event_SchemaViolation_422()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        var (status, body) = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Settled", ["extra"] = 1 });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(2, body["errors"]!.AsArray().Count);
    }
}
