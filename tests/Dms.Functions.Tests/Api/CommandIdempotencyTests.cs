using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>
/// C3 over REST: a dealer command retried after a lost reply gets the original answer and has one effect, even when
/// the document moved on meanwhile or the retries race; the same key with other content is a conflict. And every
/// refusal names the commands available now in the one action vocabulary.
/// </summary>
public sealed class CommandIdempotencyTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    private static JsonObject Reason(string reason) => new() { ["reason"] = reason, ["comment"] = "test" };

    [Fact]
    public async Task Cancel_RetriedWithItsKey_OriginalAnswerReplayed_OtherContentConflict_NoKeyNotAllowed()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        var path = $"/api/v1/warranty-claims/{trackingId}/cancel";

        using var first = await dealer.Http.PostJsonAsync(path, Reason("CUSTOMER_WITHDREW"), "cancel-" + trackingId);
        using var retry = await dealer.Http.PostJsonAsync(path, Reason("CUSTOMER_WITHDREW"), "cancel-" + trackingId);
        using var reused = await dealer.Http.PostJsonAsync(path, Reason("DUPLICATE_ENTRY"), "cancel-" + trackingId);
        using var keyless = await dealer.Http.PostJsonAsync(path, Reason("CUSTOMER_WITHDREW"));

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, retry.StatusCode));
        Assert.Equal("Cancelled", (await retry.ReadJsonAsync())["status"]!.GetValue<string>());
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal((HttpStatusCode.Conflict, "IDEMPOTENCY_KEY_REUSED"), (reused.StatusCode, (await reused.ReadJsonAsync())["code"]!.GetValue<string>()));
        var refused = await keyless.ReadJsonAsync();
        Assert.Equal((HttpStatusCode.Conflict, "INVALID_STATE_TRANSITION"), (keyless.StatusCode, refused["code"]!.GetValue<string>()));
        Assert.Empty(refused["allowedActions"]!.AsArray());
        Assert.Single((await dealer.ClaimAsync(trackingId))["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Cancel");
    }

    [Fact]
    public async Task Appeal_RetriedAfterTheOemDecidedAgain_ReplayedNotASecondAppeal()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") });
        var path = $"/api/v1/warranty-claims/{trackingId}/appeals";

        using var appeal = await dealer.Http.PostJsonAsync(path, Reason("DECISION_DISPUTED"), "appeal-" + trackingId);
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });
        await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Denied", ["reasonCodes"] = new JsonArray("EXPIRED_WARRANTY") });
        using var lateRetry = await dealer.Http.PostJsonAsync(path, Reason("DECISION_DISPUTED"), "appeal-" + trackingId);

        Assert.Equal((HttpStatusCode.Accepted, "Appealed"), (lateRetry.StatusCode, (await lateRetry.ReadJsonAsync())["status"]!.GetValue<string>()));
        Assert.Equal("true", lateRetry.Headers.GetValues("Idempotent-Replayed").Single());
        var stored = await dealer.WaitForAsync(trackingId, c => c["deliveries"]!.AsArray().Any(d => d!["messageType"]!.GetValue<string>() == "WarrantyClaimAppealed" && d["status"]!.GetValue<string>() == "Delivered"), "appeal delivered");
        Assert.Equal("Denied", stored["status"]!.GetValue<string>());
        Assert.Single(stored["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Appeal");
        Assert.Single(fixture.Oem.RequestsFor(claim["dealerClaimNumber"]!.GetValue<string>()), r => r.Body!["messageType"]!.GetValue<string>() == "WarrantyClaimAppealed");
    }

    [Fact]
    public async Task Cancel_TenConcurrentRetriesWithOneKey_OneEffect_AllAnsweredAccepted()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ =>
        {
            using var response = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/cancel", Reason("CUSTOMER_WITHDREW"), "race-" + trackingId);
            return (response.StatusCode, (await response.ReadJsonAsync())["status"]?.GetValue<string>());
        }));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Accepted, "Cancelled"), a));
        Assert.Single((await dealer.ClaimAsync(trackingId))["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Cancel");
    }

    [Fact]
    public async Task AllowedActions_InViewsAcknowledgementsAndRefusals_TheDealerCommandsAvailableNow()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();

        var view = await dealer.ClaimAsync(trackingId);
        using var early = await dealer.Http.PostJsonAsync($"/api/v1/warranty-claims/{trackingId}/resubmissions", claim);
        var refused = await early.ReadJsonAsync();

        var expected = new JsonArray(new JsonObject
        {
            ["name"] = "cancel",
            ["summary"] = "Withdraw the claim before a decision.",
            ["href"] = $"/api/v1/warranty-claims/{trackingId}/cancel",
            ["soapOperation"] = "CancelWarrantyClaim",
        }).ToJsonString();
        Assert.Equal(expected, view["allowedActions"]!.ToJsonString());
        Assert.Equal(expected, refused["allowedActions"]!.ToJsonString());
        Assert.Equal($"/api/v1/warranty-claims/{trackingId}/cancel", view["links"]!["cancel"]!.GetValue<string>());
        Assert.Null(refused["allowedEvents"]);
    }
}
