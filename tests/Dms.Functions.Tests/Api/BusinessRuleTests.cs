using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>Rules that need stored state (coverage from the RDR, duplicates across dealers) and the all-at-once answer.</summary>
public sealed class BusinessRuleTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Claim_VinNeverRetailed_NoWarrantyRecord()
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        var (status, body) = await dealer.SubmitClaimAsync(TestDocuments.Claim(TestDocuments.NewVin()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "/vin", "NO_WARRANTY_RECORD");
    }

    [Fact]
    public async Task Claim_CampaignWithoutRetailRecord_AcceptedBecauseExempt()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var claim = TestDocuments.Claim(TestDocuments.NewVin());
        claim["claimType"] = "Campaign";

        var (status, body) = await dealer.SubmitClaimAsync(claim);

        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
    }

    [Fact]
    public async Task Claim_RepairAfterCoverageMonths_ExpiredWarranty()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = await dealer.RetailAsync(delivered: TestDocuments.Today.AddMonths(-37));

        var (status, body) = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "/repairOrder/openedOn", "EXPIRED_WARRANTY");
    }

    [Fact]
    public async Task Claim_DrivenBeyondCoverageDistance_ExpiredWarranty()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = await dealer.RetailAsync();

        var (status, body) = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin, mileageKm: 100_011));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "/repairOrder/mileageIn", "EXPIRED_WARRANTY");
    }

    [Fact]
    public async Task Claim_WarrantyStartFromAnotherDealersRdr_Counts()
    {
        using var seller = await DealerSession.StartAsync(Hub);
        using var servicer = await DealerSession.StartAsync(Hub);
        var vin = await seller.RetailAsync();

        var (status, body) = await servicer.SubmitClaimAsync(TestDocuments.Claim(vin));

        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
    }

    [Fact]
    public async Task Claim_SameVinOperationAndRepairDateByAnotherDealer_DuplicateClaim()
    {
        using var first = await DealerSession.StartAsync(Hub);
        using var second = await DealerSession.StartAsync(Hub);
        var vin = await first.RetailAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await first.SubmitClaimAsync(TestDocuments.Claim(vin))).Status);

        var (status, body) = await second.SubmitClaimAsync(TestDocuments.Claim(vin));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        AssertError(body, "/laborLines/0/operationCode", "DUPLICATE_CLAIM");
    }

    [Fact]
    public async Task Claim_SameNumberDifferentContent_409DuplicateClaimNamingTheOriginal()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();
        claim["repairOrder"]!["number"] = "RO-CHANGED";

        var (status, body) = await dealer.SubmitClaimAsync(claim);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("DUPLICATE_CLAIM", body["code"]!.GetValue<string>());
        Assert.Equal(trackingId, body["trackingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claim_ManyViolations_AllReportedAtOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = await dealer.RetailAsync(delivered: TestDocuments.Today.AddDays(-60));
        var claim = TestDocuments.Claim(vin, repairedOn: TestDocuments.Today.AddDays(-45));
        claim["laborLines"] = new JsonArray(
            new JsonObject { ["operationCode"] = "EN1001", ["hours"] = 3.0, ["rate"] = TestDocuments.Usd(25000) },
            new JsonObject { ["operationCode"] = "ZZ9999", ["hours"] = 1.0, ["rate"] = TestDocuments.Usd(9500) });
        claim["partLines"]![0]!["causal"] = false;
        claim["claimedTotal"] = TestDocuments.Usd(300000);

        var (status, body) = await dealer.SubmitClaimAsync(claim);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var codes = body["errors"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(new HashSet<string> { "SUBMITTED_TOO_LATE", "EXCESSIVE_LABOR_HOURS", "EXCESSIVE_LABOR_RATE", "UNKNOWN_LABOR_OPERATION", "MAIN_PART_MISSING", "UNAUTHORIZED_REPAIR", "CLAIMED_TOTAL_MISMATCH" }, codes);
        Assert.Equal("application/problem+json", (await dealer.Http.PostJsonAsync("/api/v1/warranty-claims", claim)).Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Rdr_VinRetailedByAnotherDealer_VinAlreadyRetailed()
    {
        using var first = await DealerSession.StartAsync(Hub);
        using var second = await DealerSession.StartAsync(Hub);
        var vin = await first.RetailAsync();

        using var response = await second.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        AssertError(await response.ReadJsonAsync(), "/vin", "VIN_ALREADY_RETAILED");
    }

    [Fact]
    public async Task Rdr_DeliveredTomorrowAndBadVin_BothReported()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var rdr = TestDocuments.Rdr("1HGCM82643A004352", delivered: TestDocuments.Today.AddDays(1));

        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", rdr);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        AssertError(body, "/deliveryDate", "DELIVERY_DATE_IN_FUTURE");
        AssertError(body, "/vin", "INVALID_VIN");
    }

    [Fact]
    public async Task Submit_DealerNotEnabledForTheType_403()
    {
        using var admin = Hub.Client(HubSettings.AdminKey);
        var code = TestDocuments.NewDealerCode();
        var registration = new JsonObject
        {
            ["code"] = code, ["name"] = "Sales only", ["region"] = "North", ["brand"] = "Aurora",
            ["documentTypes"] = new JsonArray("retail-delivery-report"),
        };
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/dealers", registration);
        using var dealer = Hub.Client((await created.ReadJsonAsync())["apiKey"]!.GetValue<string>());

        using var response = await dealer.PostJsonAsync("/api/v1/warranty-claims", TestDocuments.Claim(TestDocuments.NewVin()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("DOCUMENT_TYPE_NOT_ENABLED", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    private static void AssertError(JsonObject problem, string path, string code) =>
        Assert.True(
            problem["errors"]?.AsArray().Any(e => e!["path"]!.GetValue<string>() == path && e["code"]!.GetValue<string>() == code) == true,
            $"expected {code} at {path} in {problem.ToJsonString()}");
}
