using System.Net;
using System.Text.Json.Nodes;
using Dms.Testing.Transports;

namespace Dms.Functions.Tests.FunctionsHost;

/// <summary>
/// The hub as an Azure Functions custom handler, driven the way the host drives it: Service Bus invocations for each
/// work function, timer invocations, and the public API reached as forwarded HTTP. Effects land in Azurite.
/// </summary>
public sealed class CustomHandlerTests(CustomHandlerFixture fixture) : IClassFixture<CustomHandlerFixture>
{
    private FunctionsHostDriver Host => fixture.Driver;

    private ServiceBusFake Bus => fixture.Bus;

    [Fact]
    public async Task SubmittedDocuments_RunThroughTheWorkFunctions_AndLandInStorage()
    {
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        var dealer = await fixture.Hub.CreateDealerAsync("webhook", fixture.WebhookUrl);
        using var http = fixture.Hub.Client(dealer.ApiKey);
        var vin = TestDocuments.NewVin();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin))).StatusCode);
        var forRdr = await Host.DrainAsync(CustomHandlerFixture.Kinds);
        var (trackingId, number) = await SubmitClaimAsync(http, vin);

        // The host drives everything: no receive loop of the app's own touches the message (a receive would lock it
        // and count a delivery), and without invocations the claim stays where intake left it.
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        var waiting = Assert.Single(Bus.Messages("dms-deliver"));
        Assert.Equal(0, waiting.DeliveryCount);
        Assert.DoesNotContain(Bus.Requests, r => r.Path.EndsWith("/messages/head", StringComparison.Ordinal));
        Assert.Equal("Pending", (await ClaimAsync(http, trackingId))["deliveries"]![0]!["status"]!.GetValue<string>());
        Assert.Empty(fixture.Oem.RequestsFor(number));

        var forClaim = await Host.DrainAsync(CustomHandlerFixture.Kinds);
        using var oem = fixture.Hub.Client(HubSettings.OemKey);
        using var accepted = await oem.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", new JsonObject { ["type"] = "Accepted" });
        Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        var invocations = forRdr.Concat(forClaim).Concat(await Host.DrainAsync(CustomHandlerFixture.Kinds)).ToList();

        Assert.All(invocations, AssertHostReply);
        Assert.All(invocations, i => Assert.Equal(HttpStatusCode.OK, i.Status));
        Assert.Equal(["WorkDeliver", "WorkEffect", "WorkNotify"], invocations.Select(i => i.Function).Distinct().Order());
        var claim = await ClaimAsync(http, trackingId);
        Assert.Equal("Delivered", claim["deliveries"]!.AsArray().Single()!["status"]!.GetValue<string>());
        Assert.Single(fixture.Oem.RequestsFor(number), r => r.Path == "/claims");
        Assert.Equal("Accepted", claim["status"]!.GetValue<string>());
        Assert.Contains(fixture.Oem.Server.LogEntries, e => e.RequestMessage!.Path == "/hooks" && e.RequestMessage.Body!.Contains(trackingId, StringComparison.Ordinal));
        Assert.Contains(invocations, i => i.Function == "WorkDeliver" && i.Message!.MessageId == waiting.MessageId);
    }

    [Fact]
    public async Task FailingDelivery_AnswersNon2xx_SchedulesTheNextAttempt_AndItsRedeliveryIsHarmless()
    {
        var number = "WC-FH-" + TestDocuments.Next();
        fixture.Oem.Script(number, r => r.WithStatusCode(503), r => r.WithStatusCode(201).WithBodyAsJson(new { oemReference = "OEM-FH-2" }));
        var (http, trackingId) = await RoutedClaimAsync(number);
        using var dealer = http;

        var failed = (await Host.DeliverNextAsync("deliver"))!;

        AssertHostReply(failed);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.Status);
        Assert.Contains("attempt 1 failed", Assert.Single(failed.Logs), StringComparison.Ordinal);
        var next = Assert.Single(Bus.Messages("dms-deliver"), m => m.MessageId == failed.Message!.MessageId + ".1");
        Assert.True(next.ScheduledEnqueueTime > DateTimeOffset.UtcNow, "the next attempt waits for its backoff");

        // The host abandoned the failed message, so Service Bus delivers it again at once: nothing is due yet.
        var redelivered = (await Host.DeliverNextAsync("deliver"))!;
        Assert.Equal((HttpStatusCode.OK, failed.Message!.MessageId, 2), (redelivered.Status, redelivered.Message!.MessageId, redelivered.Message.DeliveryCount));
        Assert.Single(fixture.Oem.RequestsFor(number));

        var retried = await Eventually.GetAsync(() => Host.DeliverNextAsync("deliver"), r => r is not null, TimeSpan.FromSeconds(15), "the scheduled attempt");
        Assert.Equal((HttpStatusCode.OK, next.MessageId), (retried!.Status, retried.Message!.MessageId));
        var claim = await ClaimAsync(http, trackingId);
        Assert.Equal(("Delivered", 2), (claim["deliveries"]![0]!["status"]!.GetValue<string>(), claim["deliveries"]![0]!["attempts"]!.GetValue<int>()));
        Assert.Single(fixture.Oem.RequestsFor(number).Select(r => r.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task BusinessRejection_Answers200_AndTheClaimIsRejected()
    {
        var number = "WC-FH-" + TestDocuments.Next();
        fixture.Oem.Script(number, r => r.WithStatusCode(422).WithBodyAsJson(new { error = "Labor operation not covered" }));
        var (http, trackingId) = await RoutedClaimAsync(number);
        using var dealer = http;

        var rejected = (await Host.DeliverNextAsync("deliver"))!;

        AssertHostReply(rejected);
        Assert.Equal(HttpStatusCode.OK, rejected.Status);
        Assert.Equal("Rejected", (await ClaimAsync(http, trackingId))["status"]!.GetValue<string>());
        Assert.Empty(Bus.Messages("dms-deliver"));
    }

    [Fact]
    public async Task SendFailedAtIntake_TimerInvocationRecoversTheStalledWork()
    {
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        using var http = await DealerAsync();
        var vin = await RetailAsync(http);
        Bus.FailSends(3);
        var (trackingId, _) = await SubmitClaimAsync(http, vin);
        Assert.Empty(Bus.Messages("dms-deliver"));

        var sweep = await Eventually.GetAsync(async () =>
        {
            var result = await Host.InvokeTimerAsync("RecoverStalledWork");
            return (result, Bus.Messages("dms-deliver").Count);
        }, r => r.Count > 0, TimeSpan.FromSeconds(15), "the sweep re-sends the claim's delivery");

        AssertHostReply(sweep.result);
        Assert.Equal(HttpStatusCode.OK, sweep.result.Status);
        Assert.Matches("^Re-sent [1-9][0-9]* stalled work item", Assert.Single(sweep.result.Logs));
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        Assert.Equal("Delivered", (await ClaimAsync(http, trackingId))["deliveries"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task MessageDeadLetteredByServiceBus_ShowsInTheDeadLetterView_AndReplays()
    {
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        using var http = await DealerAsync();
        var (trackingId, _) = await SubmitClaimAsync(http, await RetailAsync(http));
        var message = Assert.Single(Bus.Messages("dms-deliver"));
        while (Bus.DeadLetters("dms-deliver").Count == 0)
        {
            // The host fails the invocation every time (a crash, a timeout): Service Bus gives up after MaxDeliveryCount.
            if (Bus.TryLock("dms-deliver") is { } locked)
            {
                Bus.Settle(locked, success: false);
            }
        }

        var recorded = (await Host.DeliverDeadLetterAsync("deliver"))!;

        AssertHostReply(recorded);
        Assert.Equal(HttpStatusCode.OK, recorded.Status);
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);
        var letter = (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray()
            .Single(l => l!["trackingId"]?.GetValue<string>() == trackingId)!;
        Assert.Contains("MaxDeliveryCountExceeded", letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(message.MessageId, letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var shown = await ClaimAsync(http, trackingId);
        Assert.Equal("DeadLettered", shown["deliveries"]![0]!["status"]!.GetValue<string>());
        Assert.Contains(shown["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "DeliveryDeadLettered"
            && e["details"]!["reason"]!.GetValue<string>().Contains("MaxDeliveryCountExceeded", StringComparison.Ordinal));

        using var replay = await admin.PostAsync($"/api/v1/admin/dead-letters/{letter["id"]!.GetValue<string>()}/replay", null);
        Assert.True(replay.IsSuccessStatusCode, await replay.Content.ReadAsStringAsync());
        Assert.Single(Bus.Messages("dms-deliver"));
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        Assert.Equal("Delivered", (await ClaimAsync(http, trackingId))["deliveries"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ScheduledJobsTimer_Answers200()
    {
        var result = await Host.InvokeTimerAsync("RunScheduledJobs");

        AssertHostReply(result);
        Assert.Equal((HttpStatusCode.OK, "Scheduled jobs ran."), (result.Status, Assert.Single(result.Logs)));
    }

    [Fact]
    public async Task NotAnInvocation_400_NotOurMessage_200_BothInTheHostsReplyShape()
    {
        var garbage = await Host.InvokeRawAsync("WorkRoute", "this is not json");
        var noData = await Host.InvokeRawAsync("WorkDeliver", """{"Metadata":{"sys":{}}}""");
        var foreign = await Host.InvokeAsync("WorkNotify", new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = "\"\\\"hello\\\"\"" },
            ["Metadata"] = new JsonObject { ["MessageId"] = "\"foreign-1\"", ["DeliveryCount"] = "1" },
        });

        Assert.All([garbage, noData, foreign], AssertHostReply);
        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK], [garbage.Status, noData.Status, foreign.Status]);
        Assert.Equal("Dropped message foreign-1: not a Dms work message.", Assert.Single(foreign.Logs));
    }

    [Fact]
    public async Task SoapWsdl_ForwardedByTheHostOverLoopback_AdvertisesTheForwardedHttpsAddress_OnlyForAllowedHosts()
    {
        using var http = fixture.Hub.Client();

        var allowed = await WsdlAsync(http, "dms.example.com");
        var other = await WsdlAsync(http, "evil.example");

        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Contains("location=\"https://dms.example.com/soap/DealerService.svc\"", allowed.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.DoesNotContain("evil", other.Body, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Body)> WsdlAsync(HttpClient http, string forwardedHost)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/soap/DealerService.svc?wsdl");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", forwardedHost);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The host needs a JSON body with exactly these members, whatever the status.</summary>
    private static void AssertHostReply(HostInvocationResult result)
    {
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], result.Body.Select(p => p.Key));
        Assert.IsType<JsonObject>(result.Body["Outputs"]);
        Assert.IsType<JsonArray>(result.Body["Logs"]);
        Assert.Null(result.Body["ReturnValue"]);
    }

    /// <summary>A claim (under a fresh dealer and VIN), routed at intake: its delivery message waits in dms-deliver.</summary>
    private async Task<(HttpClient Http, string TrackingId)> RoutedClaimAsync(string number)
    {
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        var http = await DealerAsync();
        var (trackingId, _) = await SubmitClaimAsync(http, await RetailAsync(http), number);
        return (http, trackingId);
    }

    private async Task<HttpClient> DealerAsync() => fixture.Hub.Client((await fixture.Hub.CreateDealerAsync()).ApiKey);

    private async Task<string> RetailAsync(HttpClient http)
    {
        var vin = TestDocuments.NewVin();
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin))).StatusCode);
        await Host.DrainAsync(CustomHandlerFixture.Kinds);
        return vin;
    }

    private static async Task<(string TrackingId, string Number)> SubmitClaimAsync(HttpClient http, string vin, string? number = null)
    {
        number ??= "WC-FH-" + TestDocuments.Next();
        using var response = await http.PostJsonAsync("/api/v1/warranty-claims", TestDocuments.Claim(vin, number: number));
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return (body["trackingId"]!.GetValue<string>(), number);
    }

    private static Task<JsonObject> ClaimAsync(HttpClient http, string trackingId) => http.GetJsonAsync("/api/v1/warranty-claims/" + trackingId);
}
