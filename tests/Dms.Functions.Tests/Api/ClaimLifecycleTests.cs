using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>The main path: RDR sets the warranty start, the claim is validated, delivered, decided, paid.</summary>
public sealed class ClaimLifecycleTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task SubmitClaim_AfterRdr_DeliveredWithKeyAndOemReferenceThenDecided()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();

        var delivered = await dealer.WaitForDeliveryAsync(trackingId);
        Assert.Equal("OEM-STUB-1", delivered["oemReference"]!.GetValue<string>());
        var request = Assert.Single(fixture.Oem.RequestsFor(claim["dealerClaimNumber"]!.GetValue<string>()));
        Assert.Equal($"{trackingId}/WarrantyClaimSubmitted-1@oem", request.IdempotencyKey);
        Assert.Equal("oem-inbound-secret", request.ApiKey);
        Assert.Equal("WarrantyClaimSubmitted", request.Body!["messageType"]!.GetValue<string>());
        Assert.Equal(dealer.Dealer.Code, request.Body["dealer"]!["code"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted", ["oemClaimNumber"] = "OEM-777" })).Status);
        var approved = new JsonObject { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) };
        Assert.Equal(HttpStatusCode.OK, (await dealer.OemEventAsync(trackingId, approved)).Status);
        var paid = new JsonObject { ["type"] = "Paid", ["creditMemo"] = new JsonObject { ["number"] = "CM-1", ["amount"] = TestDocuments.Usd(26250), ["paidOn"] = TestDocuments.Date(TestDocuments.Today) } };
        var (status, body) = await dealer.OemEventAsync(trackingId, paid);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Paid", body["status"]!.GetValue<string>());
        var final = await dealer.ClaimAsync(trackingId);
        Assert.Equal("OEM-777", final["oemReference"]!.GetValue<string>());
        Assert.Equal("CM-1", final["oem"]!["payment"]!["number"]!.GetValue<string>());
        var events = final["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Equal(["Submitted", "Routed", "Delivered", "Accepted", "Approved", "Paid"], events);
        Assert.All(final["timeline"]!.AsArray(), e => Assert.False(string.IsNullOrEmpty(e!["correlationId"]?.GetValue<string>())));
    }

    [Fact]
    public async Task SubmitRdr_Accepted_DeliveredToHqReporting()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = TestDocuments.NewVin();
        var rdr = TestDocuments.Rdr(vin);

        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", rdr);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("Accepted", body["status"]!.GetValue<string>());
        Assert.EndsWith("/unwind", body["links"]!["unwind"]!.GetValue<string>(), StringComparison.Ordinal);
        var trackingId = body["trackingId"]!.GetValue<string>();
        await dealer.WaitForDeliveryAsync(trackingId, path: "retail-delivery-reports");
        var request = Assert.Single(fixture.Oem.RequestsFor(rdr["reportNumber"]!.GetValue<string>()));
        Assert.Equal("/rdr", request.Path);
        Assert.Equal("RetailDeliveryReported", request.Body!["messageType"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetClaim_RawPayloadAndCanonicalBodyKept_DocumentEchoed()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (trackingId, claim) = await dealer.SubmitValidClaimAsync();

        var stored = await dealer.ClaimAsync(trackingId);

        Assert.True(JsonNode.DeepEquals(claim, stored["document"]), stored["document"]!.ToJsonString());
        Assert.Equal(claim["dealerClaimNumber"]!.GetValue<string>(), stored["documentNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task RawPayload_ExactBytesKeptForAudit_OperatorsOnly()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = await dealer.RetailAsync();
        var claim = TestDocuments.Claim(vin);
        claim["dealerClaimNumber"] = "WC-RAW-" + TestDocuments.Next();
        var body = "  \n" + claim.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        using var submitted = await dealer.Http.PostRawAsync("/api/v1/warranty-claims", body);
        var trackingId = (await submitted.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        using var admin = Hub.Client(HubSettings.AdminKey);

        using var payload = await admin.GetAsync($"/api/v1/admin/payloads/{trackingId}/1");
        using var asDealer = await dealer.Http.GetAsync($"/api/v1/admin/payloads/{trackingId}/1");

        Assert.Equal(body, await payload.Content.ReadAsStringAsync());
        Assert.Equal("application/json", payload.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, asDealer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/admin/payloads/{trackingId}/2")).StatusCode);
    }

    [Fact]
    public async Task ListClaims_StatusFilterAndPaging_OnlyOwnClaimsAllPagesOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await dealer.SubmitValidClaimAsync()).TrackingId);
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await dealer.Http.GetJsonAsync("/api/v1/warranty-claims?pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)));
            var items = page["items"]!.AsArray();
            Assert.True(items.Count <= 2);
            seen.AddRange(items.Select(i => i!["trackingId"]!.GetValue<string>()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal(ids, seen);
        var submitted = await dealer.Http.GetJsonAsync("/api/v1/warranty-claims?status=Cancelled");
        Assert.Empty(submitted["items"]!.AsArray());
        var from = await dealer.Http.GetJsonAsync("/api/v1/warranty-claims?from=" + DateTime.UtcNow.AddMinutes(5).ToString("O"));
        Assert.Empty(from["items"]!.AsArray());
    }

    [Theory]
    [InlineData("status=Nope", "INVALID_QUERY")]
    [InlineData("pageSize=0", "INVALID_QUERY")]
    [InlineData("pageSize=1000", "INVALID_QUERY")]
    [InlineData("from=yesterday", "INVALID_QUERY")]
    [InlineData("continuationToken=garbage", "INVALID_QUERY")]
    public async Task ListClaims_BadQuery_400WithCode(string query, string code)
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        using var response = await dealer.Http.GetAsync("/api/v1/warranty-claims?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Schemas_ServedByNameAndLatest_UnknownIs404()
    {
        using var anonymous = Hub.Client();

        var latest = await anonymous.GetJsonAsync("/api/v1/schemas/warranty-claim");
        var v1 = await anonymous.GetJsonAsync("/api/v1/schemas/retail-delivery-report.v1");
        using var missing = await anonymous.GetAsync("/api/v1/schemas/nope");

        Assert.Equal("Warranty claim (v1)", latest["title"]!.GetValue<string>());
        Assert.Equal("Retail delivery report (v1)", v1["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task OpenApi_DescribesTheDealerOemAndOperatorRoutes()
    {
        using var anonymous = Hub.Client();

        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        using var reference = await anonymous.GetAsync("/api-reference/");

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/warranty-claims", paths);
        Assert.Contains("/api/v1/warranty-claims/{trackingId}/resubmissions", paths);
        Assert.Contains("/api/v1/oem/warranty-claims/{trackingId}/events", paths);
        Assert.Contains("/api/v1/admin/dead-letters/{id}/replay", paths);
        Assert.NotNull(document["components"]!["securitySchemes"]!["ApiKey"]);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }
}
