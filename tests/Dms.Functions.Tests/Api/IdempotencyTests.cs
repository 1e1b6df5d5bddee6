using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>The same request twice gets the same answer and has one effect; a different request under the same key is refused.</summary>
public sealed class IdempotencyTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Submit_SameKeySameBody_OriginalAnswerMarkedReplayed()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var claim = TestDocuments.Claim(await dealer.RetailAsync());

        using var first = await dealer.Http.PostJsonAsync("/api/v1/warranty-claims", claim, "key-" + Guid.NewGuid());
        var firstBody = await first.Content.ReadAsStringAsync();
        using var second = await dealer.Http.PostJsonAsync("/api/v1/warranty-claims", claim, first.RequestMessage!.Headers.GetValues("Idempotency-Key").Single());

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Submit_SameKeyDifferentBody_409KeyReused()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = await dealer.RetailAsync();
        var key = "key-" + Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await dealer.SubmitClaimAsync(TestDocuments.Claim(vin), key)).Status);

        var (status, body) = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin), key);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_Replay_WhenTheRulesWouldNowRefuseIt_StillTheOriginalAnswer()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (rdrId, vin) = await RetailWithIdAsync(dealer);
        var claim = TestDocuments.Claim(vin);
        var key = "key-" + Guid.NewGuid();
        var (_, original) = await dealer.SubmitClaimAsync(claim, key);
        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{rdrId}/unwind", new JsonObject { ["reason"] = "CUSTOMER_RETURNED" });
        Assert.Equal(HttpStatusCode.Accepted, unwind.StatusCode);

        var (status, again) = await dealer.SubmitClaimAsync(claim, key);
        var fresh = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin));

        Assert.Equal((HttpStatusCode.Accepted, original["trackingId"]!.GetValue<string>()), (status, again["trackingId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, fresh.Status);
        Assert.Contains(fresh.Body["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "NO_WARRANTY_RECORD");
    }

    [Fact]
    public async Task Submit_SameNumberOtherVin_409_AndTheOtherVinStaysFree()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var other = await DealerSession.StartAsync(Hub);
        var number = "RDR-" + TestDocuments.Next();
        using var first = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin(), number: number));
        var vin = TestDocuments.NewVin();

        using var reused = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin, number: number));
        using var elsewhere = await other.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal("DUPLICATE_DOCUMENT", (await reused.ReadJsonAsync())["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Submit_SameNumberSameContentReformatted_SameAnswerWithoutKey()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var claim = TestDocuments.Claim(await dealer.RetailAsync());
        var (_, original) = await dealer.SubmitClaimAsync(claim);
        var reordered = new JsonObject(claim.Reverse().Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));

        using var again = await dealer.Http.PostRawAsync("/api/v1/warranty-claims", "\n  " + reordered.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(original.ToJsonString(), (await again.ReadJsonAsync()).ToJsonString());
    }

    [Fact]
    public async Task Submit_FiftyConcurrentIdenticalRequests_OneDocumentFiftyIdenticalAnswers()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var claim = TestDocuments.Claim(await dealer.RetailAsync());
        var key = "burst-" + Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(async _ =>
        {
            using var response = await dealer.Http.PostJsonAsync("/api/v1/warranty-claims", claim, key);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }));

        Assert.All(answers, a => Assert.Equal(202, a.Item1));
        Assert.Single(answers.Select(a => a.Item2).Distinct());
        var listed = (await dealer.Http.GetJsonAsync("/api/v1/warranty-claims"))["items"]!.AsArray();
        var trackingId = Assert.Single(listed)!["trackingId"]!.GetValue<string>();
        await dealer.WaitForDeliveryAsync(trackingId);
        Assert.Single(fixture.Oem.RequestsFor(claim["dealerClaimNumber"]!.GetValue<string>()));
    }

    private static async Task<(string TrackingId, string Vin)> RetailWithIdAsync(DealerSession dealer)
    {
        var vin = TestDocuments.NewVin();
        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-3)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return ((await response.ReadJsonAsync())["trackingId"]!.GetValue<string>(), vin);
    }

    [Fact]
    public async Task Command_SameKeyTwice_SameAnswerOneEffect_WithoutKeySecondIsIllegal()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        var cancel = new JsonObject { ["reason"] = "CUSTOMER_WITHDREW" };

        using var first = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/cancel", cancel, "cancel-1");
        using var replay = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/cancel", cancel, "cancel-1");
        using var again = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/cancel", cancel);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var timeline = (await dealer.ClaimAsync(trackingId))["timeline"]!.AsArray();
        Assert.Single(timeline, e => e!["event"]!.GetValue<string>() == "Cancel");
    }
}
