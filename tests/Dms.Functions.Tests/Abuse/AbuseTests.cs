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
    public async Task EveryNumberClassInEveryFieldOfEverySchema_4xxWithACode_Never5xx()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var (claimId, _) = await dealer.SubmitValidClaimAsync();
        var documents = new Dictionary<string, string> { ["warranty-claims"] = claimId, ["retail-delivery-reports"] = await SubmitRdrAsync(dealer) };
        using var oem = Hub.Client(HubSettings.OemKey);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var clients = new Dictionary<string, HttpClient> { ["dealer"] = dealer.Http, ["oem"] = oem, ["admin"] = admin };
        var targets = SchemaTargets(documents).ToList();
        var requests = targets.SelectMany(t => Examples(t.Schema).SelectMany(example => MalformedRequests.EveryNumberInEverySlot(t.Caller, t.Path, example))).ToList();
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            var (status, problem) = await SendAsync(clients[request.Caller], request);
            if (Verdict(status, problem) is { } failure)
            {
                failures.Add($"{request} → {status}: {failure}");
            }
        });

        var schemas = Hub.Service<Dms.Hub.Validation.SchemaCatalog>().Names.ToHashSet();
        Assert.True(schemas.SetEquals(targets.Select(t => t.Schema)), "every schema is a target: " + string.Join(", ", schemas.Except(targets.Select(t => t.Schema))));
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count}:\n" + string.Join('\n', failures.Take(30)));
    }

    [Fact]
    public async Task CrossDealerMatrix_EveryDealerRouteWithADocument_AnswersAsForAMissingOne()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var intruder = await DealerSession.StartAsync(Hub);
        var (claimId, claim) = await owner.SubmitValidClaimAsync();
        var documents = new Dictionary<string, string> { ["warranty-claims"] = claimId, ["retail-delivery-reports"] = await SubmitRdrAsync(owner) };
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

    /// <summary>Where each schema is posted, from the document registry: submissions, commands, OEM events, and dealer registration.</summary>
    private IEnumerable<(string Schema, string Caller, string Path)> SchemaTargets(Dictionary<string, string> documents)
    {
        foreach (var type in Hub.Service<Dms.Hub.Registry.DocumentTypeRegistry>().All)
        {
            var document = documents[type.RouteSegment];
            yield return (type.SchemaName, "dealer", "/api/v1/" + type.RouteSegment);
            foreach (var command in type.Commands)
            {
                yield return (command.SchemaName, "dealer", $"/api/v1/{type.RouteSegment}/{document}/{command.Name}");
            }

            if (type.EventSchemaName is { } events)
            {
                yield return (events, "oem", $"/api/v1/oem/{type.RouteSegment}/{document}/events");
            }
        }

        yield return ("dealer-registration.v1", "admin", "/api/v1/admin/dealers");
    }

    /// <summary>The valid examples shipped with a schema (schemas/examples/{name}/valid).</summary>
    private static IEnumerable<JsonObject> Examples(string schema) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot.Path, "schemas", "examples", schema[..schema.LastIndexOf(".v", StringComparison.Ordinal)], "valid"), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.AsObject());

    private static async Task<string> SubmitRdrAsync(DealerSession dealer)
    {
        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        return (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
    }
}
