using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>A dealer sees and changes only its own documents; another's look exactly like missing ones.</summary>
public sealed class TenantIsolationTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task OtherDealersClaim_EveryDealerRoute_Same404AsAMissingClaim()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var intruder = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await owner.SubmitValidClaimAsync();
        var missing = $"{owner.Dealer.Code}-01K0000000000000000000000";
        var reason = new JsonObject { ["reason"] = "CUSTOMER_WITHDREW" };

        foreach (var id in new[] { trackingId, missing })
        {
            var answers = new List<(HttpStatusCode, string)>
            {
                await Problem(intruder.Http.GetAsync($"/api/v1/warranty-claims/{id}")),
                await Problem(intruder.Http.PostJsonAsync($"/api/v1/warranty-claims/{id}/cancel", reason)),
                await Problem(intruder.Http.PostJsonAsync($"/api/v1/warranty-claims/{id}/appeals", reason)),
                await Problem(intruder.Http.PostJsonAsync($"/api/v1/warranty-claims/{id}/resubmissions", claim)),
                await Problem(intruder.Http.GetAsync($"/api/v1/retail-delivery-reports/{id}")),
                await Problem(intruder.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{id}/unwind", reason)),
            };
            Assert.All(answers, a => Assert.Equal((HttpStatusCode.NotFound, "{\"type\":\"https://dms.example/problems/not-found\",\"title\":\"Not found\",\"status\":404,\"code\":\"NOT_FOUND\",\"detail\":\"No such resource.\"}"), a));
        }

        Assert.Equal("Submitted", (await owner.ClaimAsync(trackingId))["status"]!.GetValue<string>());
        Assert.Empty((await intruder.Http.GetJsonAsync("/api/v1/warranty-claims"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Credentials_EachRoleOnlyItsOwnRoutes()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        using var oem = Hub.Client(HubSettings.OemKey);
        using var admin = Hub.Client(HubSettings.AdminKey);
        using var nobody = Hub.Client();
        using var wrong = Hub.Client("dms_not-a-real-key");

        Assert.Equal(HttpStatusCode.Forbidden, (await dealer.Http.GetAsync("/api/v1/admin/dead-letters")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dealer.Http.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", new JsonObject { ["type"] = "Accepted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await oem.GetAsync("/api/v1/warranty-claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/v1/warranty-claims/{trackingId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await nobody.GetAsync("/api/v1/warranty-claims")).StatusCode);
        using var rejected = await wrong.GetAsync("/api/v1/warranty-claims");
        Assert.Equal(HttpStatusCode.Unauthorized, rejected.StatusCode);
        Assert.Equal("UNAUTHORIZED", (await rejected.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal("ApiKey", rejected.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Mailbox_OtherDealersReceipts_CannotBeAcknowledged()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var intruder = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await owner.SubmitValidClaimAsync();
        var accepted = await owner.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        Assert.True(accepted.Status == HttpStatusCode.OK, accepted.Body.ToJsonString());
        var mailbox = await owner.Http.GetJsonAsync("/api/v1/notifications");
        var receipt = mailbox["items"]!.AsArray().Single()!["receiptId"]!.GetValue<string>();

        var stolen = await intruder.Http.PostJsonAsync("/api/v1/notifications/ack", new JsonObject { ["receiptIds"] = new JsonArray(receipt) });

        Assert.Equal(receipt, (await stolen.ReadJsonAsync())["unknown"]!.AsArray().Single()!.GetValue<string>());
        Assert.Empty((await intruder.Http.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray());
        Assert.Single((await owner.Http.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray());
    }

    private static async Task<(HttpStatusCode, string)> Problem(Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var body = await response.ReadJsonAsync();
        body.Remove("correlationId");
        return (response.StatusCode, body.ToJsonString());
    }
}
