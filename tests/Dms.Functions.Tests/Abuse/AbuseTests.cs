using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;

namespace Dms.Functions.Tests.Abuse;

/// <summary>
/// Hostile and careless clients (RELIABILITY.md D1, D2, E1): over a thousand generated malformed requests never get
/// a 5xx and always get a machine-readable problem; every dealer route answers another dealer's document exactly as
/// a missing one.
/// </summary>
public sealed class AbuseTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task OverAThousandMalformedRequests_NoneAnswers5xx_EveryErrorIsAProblemWithACode()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (claimId, claim) = await dealer.SubmitValidClaimAsync();
        var rdrId = await SubmitRdrAsync(dealer);
        using var oem = Hub.Client(HubSettings.OemKey);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var clients = new Dictionary<string, HttpClient> { ["dealer"] = dealer.Http, ["oem"] = oem, ["admin"] = admin };
        var reason = new JsonObject { ["reason"] = "CUSTOMER_WITHDREW", ["note"] = "abuse test" };
        var targets = new List<(string, string, JsonObject)>
        {
            ("dealer", "/api/v1/warranty-claims", TestDocuments.Claim(TestDocuments.NewVin())),
            ("dealer", "/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin())),
            ("dealer", "/api/v1/daily-sales-summaries", TestReports.DailySales(TestDocuments.Date(TestDocuments.Today.AddDays(-1)))),
            ("dealer", "/api/v1/monthly-stock-reports", TestReports.Stock(LastMonth())),
            ("dealer", "/api/v1/monthly-financial-statements", TestReports.Financial(LastMonth())),
            ("dealer", $"/api/v1/warranty-claims/{claimId}/cancel", reason),
            ("dealer", $"/api/v1/warranty-claims/{claimId}/appeals", reason),
            ("dealer", $"/api/v1/warranty-claims/{claimId}/resubmissions", claim),
            ("dealer", $"/api/v1/retail-delivery-reports/{rdrId}/unwind", reason),
            ("dealer", "/api/v1/notifications/ack", new JsonObject { ["receiptIds"] = new JsonArray("01K00000000000000000000000") }),
            ("oem", $"/api/v1/oem/warranty-claims/{claimId}/events", new JsonObject { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) }),
            ("admin", "/api/v1/admin/dealers", new JsonObject { ["code"] = TestDocuments.NewDealerCode(), ["name"] = "Abuse Motors", ["region"] = "East", ["brand"] = "Aurora" }),
        };
        var requests = new MalformedRequests(new Random(20261123)).Generate(targets, 1100).Concat(MalformedRequests.UnknownRoutes(claimId)).ToList();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            var (status, problem) = await SendAsync(clients[request.Caller], request);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            if (Verdict(status, problem) is { } failure)
            {
                failures.Add($"{request} → {status}: {failure}");
            }
        });

        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests");
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
        Assert.Subset(statuses.Keys.ToHashSet(), new HashSet<int> { 400, 404, 405, 413, 415, 422 });
    }

    [Fact]
    public async Task CrossDealerMatrix_EveryDealerRouteWithADocument_AnswersAsForAMissingOne()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var intruder = await DealerSession.StartAsync(Hub);
        var (claimId, claim) = await owner.SubmitValidClaimAsync();
        var documents = new Dictionary<string, string>
        {
            ["warranty-claims"] = claimId,
            ["retail-delivery-reports"] = await SubmitRdrAsync(owner),
            ["daily-sales-summaries"] = await SubmitAsync(owner, "daily-sales-summaries", TestReports.DailySales(TestDocuments.Date(TestDocuments.Today.AddDays(-1)))),
            ["monthly-stock-reports"] = await SubmitAsync(owner, "monthly-stock-reports", TestReports.Stock(LastMonth())),
            ["monthly-financial-statements"] = await SubmitAsync(owner, "monthly-financial-statements", TestReports.Financial(LastMonth())),
        };
        var routes = DealerDocumentRoutes().ToList();

        foreach (var (method, pattern) in routes)
        {
            var segment = pattern.Split('/')[3];
            var ownerDocument = documents[segment];
            var missing = owner.Dealer.Code + "-01K00000000000000000000000";
            var body = pattern.EndsWith("/resubmissions", StringComparison.Ordinal) ? claim : new JsonObject { ["reason"] = "NOSY" };

            var stolen = await CallAsync(intruder.Http, method, pattern.Replace("{trackingId}", ownerDocument, StringComparison.Ordinal), body);
            var absent = await CallAsync(intruder.Http, method, pattern.Replace("{trackingId}", missing, StringComparison.Ordinal), body);

            Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (stolen.Status, stolen.Code));
            Assert.Equal(absent, stolen);
        }

        var registry = Hub.Service<Dms.Hub.Registry.DocumentTypeRegistry>();
        Assert.True(routes.Count == registry.All.Sum(t => 1 + t.Commands.Count), "a GET and every command of each document type: " + string.Join(", ", routes));
        Assert.Equal("Submitted", (await owner.ClaimAsync(claimId))["status"]!.GetValue<string>());
        foreach (var segment in documents.Keys)
        {
            Assert.Empty((await intruder.Http.GetJsonAsync("/api/v1/" + segment))["items"]!.AsArray());
        }
    }

    /// <summary>Null when the answer is acceptable: below 500, and an error is a problem document with its status and a code.</summary>
    private static string? Verdict(int status, JsonObject? problem)
    {
        if (status >= 500)
        {
            return "server error";
        }

        if (status < 400)
        {
            return null;
        }

        if (problem is null)
        {
            return "not application/problem+json";
        }

        var text = problem.ToJsonString();
        return problem["status"]?.GetValue<int>() != status ? "status member differs"
            : problem["code"]?.GetValue<string>() is not { Length: > 0 } ? "no code"
            : text.Contains("Exception", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal) ? "internal text"
            : null;
    }

    private static async Task<(int Status, JsonObject? Problem)> SendAsync(HttpClient client, MalformedRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        using var response = await client.SendAsync(message);
        JsonObject? problem = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            problem = JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject;
        }

        return ((int)response.StatusCode, problem);
    }

    private static async Task<(HttpStatusCode Status, string? Code, string Body)> CallAsync(HttpClient client, string method, string path, JsonObject body)
    {
        using var response = method == "GET" ? await client.GetAsync(path) : await client.PostJsonAsync(path, body);
        var problem = await response.ReadJsonAsync();
        problem.Remove("correlationId");
        return (response.StatusCode, problem["code"]?.GetValue<string>(), problem.ToJsonString());
    }

    /// <summary>From the app's own endpoint table: every dealer route that names a document, so a new one is covered too.</summary>
    private IEnumerable<(string Method, string Pattern)> DealerDocumentRoutes() =>
        Hub.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == "dealer"))
            .Where(e => e.RoutePattern.RawText!.Contains("{trackingId}", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))));

    private static string LastMonth() => TestDocuments.Today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> SubmitAsync(DealerSession dealer, string segment, JsonObject body)
    {
        using var response = await dealer.Http.PostJsonAsync("/api/v1/" + segment, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
    }

    private static async Task<string> SubmitRdrAsync(DealerSession dealer)
    {
        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        return (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
    }
}
