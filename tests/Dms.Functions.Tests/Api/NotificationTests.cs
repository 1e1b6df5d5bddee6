using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dms.Functions.Tests.VehicleOrders;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dms.Functions.Tests.Api;

/// <summary>Status changes reach the dealer: in its mailbox (pull + ack) and, for webhook dealers, as signed POSTs.</summary>
public sealed class NotificationTests(HubFixture fixture) : IClassFixture<HubFixture>, IDisposable
{
    private readonly WireMockServer _dealerSystem = WireMockServer.Start();

    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Mailbox_EveryStatusChange_OldestFirstUntilAcknowledged()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) });

        var pulled = (await dealer.Http.GetJsonAsync("/api/v1/notifications?maxItems=10"))["items"]!.AsArray();
        var firstOnly = (await dealer.Http.GetJsonAsync("/api/v1/notifications?maxItems=1"))["items"]!.AsArray();

        Assert.Equal(["Accepted", "Approved"], pulled.Select(n => n!["status"]!.GetValue<string>()));
        Assert.Equal("Submitted", pulled[0]!["previousStatus"]!.GetValue<string>());
        Assert.All(pulled, n => Assert.Equal(trackingId, n!["trackingId"]!.GetValue<string>()));
        Assert.Equal(pulled[0]!["receiptId"]!.GetValue<string>(), Assert.Single(firstOnly)!["receiptId"]!.GetValue<string>());

        var receipts = new JsonArray(pulled.Select(n => (JsonNode)JsonValue.Create(n!["receiptId"]!.GetValue<string>())).Append(JsonValue.Create("01K0000000000000000000000")).ToArray());
        var ack = await (await dealer.Http.PostJsonAsync("/api/v1/notifications/ack", new JsonObject { ["receiptIds"] = receipts })).ReadJsonAsync();

        Assert.Equal(2, ack["acknowledged"]!.AsArray().Count);
        Assert.Single(ack["unknown"]!.AsArray());
        Assert.Empty((await dealer.Http.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Mailbox_FilterByTypeAndBadParameters()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });

        Assert.Empty((await dealer.Http.GetJsonAsync("/api/v1/notifications?documentType=retail-delivery-report"))["items"]!.AsArray());
        Assert.Single((await dealer.Http.GetJsonAsync("/api/v1/notifications?documentType=warranty-claim"))["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await dealer.Http.GetAsync("/api/v1/notifications?maxItems=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dealer.Http.GetAsync("/api/v1/notifications?documentType=nope")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await dealer.Http.PostJsonAsync("/api/v1/notifications/ack", new JsonObject { ["receiptIds"] = new JsonArray() })).StatusCode);
    }

    [Fact]
    public async Task Webhook_StatusChange_SignedPostRetriedAfterDealerFailure()
    {
        var path = "/hooks/" + Guid.NewGuid().ToString("N");
        _dealerSystem.Given(Request.Create().WithPath(path).UsingPost()).InScenario(path).WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _dealerSystem.Given(Request.Create().WithPath(path).UsingPost()).InScenario(path).WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200));
        using var dealer = await DealerSession.StartAsync(Hub, channel: "webhook", callbackUrl: _dealerSystem.Url + path);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });

        var calls = await Eventually.GetAsync(() => Task.FromResult(_dealerSystem.LogEntries.Where(e => e.RequestMessage!.Path == path).ToList()), c => c.Count >= 2, what: "webhook retried");
        Assert.Equal(["503", "200"], calls.Select(c => c.ResponseMessage!.StatusCode!.ToString()));
        var receipts = calls.Select(c => c.RequestMessage!.Headers!["Idempotency-Key"].ToString()).Distinct().ToList();
        Assert.Single(receipts);
        var last = calls[^1].RequestMessage!;
        var body = last.Body!;
        var timestamp = last.Headers!["X-Dms-Timestamp"].ToString();
        var signature = last.Headers["X-Dms-Signature"].ToString();
        Assert.Equal(Sign(dealer.Dealer.WebhookSecret!, timestamp, body), signature);
        Assert.NotEqual(Sign(dealer.Dealer.WebhookSecret!, timestamp, body.Replace("Accepted", "Approved", StringComparison.Ordinal)), signature);
        Assert.InRange(long.Parse(timestamp, CultureInfo.InvariantCulture), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        var notification = JsonNode.Parse(body)!;
        Assert.Equal((trackingId, "Accepted"), (notification["trackingId"]!.GetValue<string>(), notification["status"]!.GetValue<string>()));
        Assert.Equal(receipts[0], notification["receiptId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Webhook_SecretRotated_NewSecretSignsNextNotification()
    {
        var path = "/hooks/" + Guid.NewGuid().ToString("N");
        _dealerSystem.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        using var dealer = await DealerSession.StartAsync(Hub, channel: "webhook", callbackUrl: _dealerSystem.Url + path);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var rotated = await (await admin.PostAsync($"/api/v1/admin/dealers/{dealer.Dealer.Code}/webhook-secret", null)).ReadJsonAsync();
        var secret = rotated["webhookSecret"]!.GetValue<string>();
        Assert.NotEqual(dealer.Dealer.WebhookSecret, secret);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });

        var call = await Eventually.GetAsync(() => Task.FromResult(_dealerSystem.LogEntries.FirstOrDefault(e => e.RequestMessage!.Path == path)), c => c is not null, what: "webhook");
        var request = call!.RequestMessage!;
        Assert.Equal(Sign(secret, request.Headers!["X-Dms-Timestamp"].ToString(), request.Body!), request.Headers["X-Dms-Signature"].ToString());
    }

    [Fact]
    public async Task Webhook_VehicleOrderStageChangesAndHolds_EachPushedSigned()
    {
        var path = "/hooks/" + Guid.NewGuid().ToString("N");
        _dealerSystem.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        using var dealer = await DealerSession.StartAsync(Hub, channel: "webhook", callbackUrl: _dealerSystem.Url + path);
        var trackingId = await dealer.SubmitValidOrderAsync();

        await dealer.MoveAsync(trackingId, OrderRequests.Event("Accepted"), OrderRequests.Coded("GM", "2100", new() { ["occurredAt"] = "2026-11-01T08:00:00Z" }),
            OrderRequests.Event("HoldReleased", new() { ["occurredAt"] = "2026-11-02T08:00:00Z" }), OrderRequests.Event("Scheduled"));

        var pushes = await Eventually.GetAsync(() => Task.FromResult(_dealerSystem.LogEntries.Where(e => e.RequestMessage!.Path == path).ToList()), c => c.Count >= 4, what: "order pushes");
        var events = pushes.Select(p => JsonNode.Parse(p.RequestMessage!.Body!)!).Where(n => n["trackingId"]!.GetValue<string>() == trackingId)
            .Select(n => n["event"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["Accepted", "HoldReleased", "HoldSet", "Scheduled"], events); // pushes run concurrently: their order is not promised
        Assert.All(pushes, p => Assert.Equal(Sign(dealer.Dealer.WebhookSecret!, p.RequestMessage!.Headers!["X-Dms-Timestamp"].ToString(), p.RequestMessage.Body!), p.RequestMessage.Headers["X-Dms-Signature"].ToString()));
    }

    public void Dispose() => _dealerSystem.Stop();

    // Computed here independently of the hub's own signing code, as a dealer's receiver would.
    private static string Sign(string secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
}
