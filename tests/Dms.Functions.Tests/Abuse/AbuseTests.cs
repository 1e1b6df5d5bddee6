using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Dms.Functions.Tests.PartsOrders;
using Dms.Functions.Tests.VehicleOrders;
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
        var documents = await OwnDocumentsAsync(dealer);
        using var oem = Hub.Client(HubSettings.OemKey);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var clients = new Dictionary<string, HttpClient> { ["dealer"] = dealer.Http, ["oem"] = oem, ["admin"] = admin };
        var targets = DocumentTargets(documents).Concat(
        [
            ("dealer", "/api/v1/notifications/ack", new JsonObject { ["receiptIds"] = new JsonArray("01K00000000000000000000000") }),
            ("admin", "/api/v1/admin/dealers", new JsonObject { ["code"] = TestDocuments.NewDealerCode(), ["name"] = "Abuse Motors", ["region"] = "East", ["brand"] = "Aurora" }),
            ("admin", $"/api/v1/admin/alerts/{documents["vehicle-orders"]}.ORDER_NOT_SCHEDULED/acknowledge", new JsonObject { ["note"] = "abuse test" }),
            // The file channel: JSON and broken bodies here must be refused as not CSV (its own corpus is CsvAbuseTests).
            ("dealer", "/api/v1/batches", ValidExample("retail-delivery-report.v1")),
        ]).Concat(ServiceTargets()).ToList();
        var requests = new MalformedRequests(new Random(20261123)).Generate(targets, 1100).Concat(MalformedRequests.UnknownRoutes(documents["warranty-claims"])).ToList();
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
        // 409: a suggestion request whose only (optional) field a mutation removed is valid, and the dealer has no stock data.
        Assert.Subset(statuses.Keys.ToHashSet(), new HashSet<int> { 400, 404, 405, 409, 413, 415, 422 });
        var attacked = targets.Select(t => t.Item2).ToHashSet(StringComparer.Ordinal);
        foreach (var (method, pattern) in BodyRoutes())
        {
            var route = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Replace(pattern, "{[^}]+}", "[^/]+") + "$");
            Assert.True(attacked.Any(route.IsMatch),
                $"{method} {pattern} is not in the malformed-request corpus");
        }
    }

    [Fact]
    public async Task EveryNumberClassInEveryFieldOfEverySchema_4xxWithACode_Never5xx()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var documents = await OwnDocumentsAsync(dealer);
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

        // The OEM state schemas and the dealer services' reply schemas describe what the hub answers (checked against
        // its answers elsewhere); nobody posts them.
        var replies = Hub.Service<Dms.Hub.Services.DealerServices>().All.Select(s => s.ReplySchema).ToHashSet(StringComparer.Ordinal);
        var schemas = Hub.Service<Dms.Hub.Validation.SchemaCatalog>().Names.Where(n => !n.EndsWith("-state.v1", StringComparison.Ordinal) && !replies.Contains(n)).ToHashSet();
        Assert.True(schemas.SetEquals(targets.Select(t => t.Schema)), "every schema is a target: " + string.Join(", ", schemas.Except(targets.Select(t => t.Schema))));
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {requests.Count}:\n" + string.Join('\n', failures.Take(30)));
    }

    [Fact]
    public async Task CrossDealerMatrix_EveryDealerRouteWithADocument_AnswersAsForAMissingOne()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var intruder = await DealerSession.StartAsync(Hub);
        var documents = await OwnDocumentsAsync(owner);
        var before = await StatusesAsync(owner, documents);
        var routes = DealerDocumentRoutes().ToList();

        foreach (var (method, pattern) in routes)
        {
            var segment = pattern.Split('/')[3];
            var ownerDocument = documents[segment];
            var missing = owner.Dealer.Code + "-01K00000000000000000000000";
            var body = new JsonObject { ["reason"] = "NOSY" };

            var stolen = await CallAsync(intruder.Http, method, pattern.Replace("{trackingId}", ownerDocument, StringComparison.Ordinal), body);
            var absent = await CallAsync(intruder.Http, method, pattern.Replace("{trackingId}", missing, StringComparison.Ordinal), body);

            Assert.Equal((HttpStatusCode.NotFound, "NOT_FOUND"), (stolen.Status, stolen.Code));
            Assert.Equal(absent, stolen);
        }

        var registry = Hub.Service<Dms.Hub.Registry.DocumentTypeRegistry>();
        Assert.True(routes.Count == registry.All.Sum(t => 1 + t.Commands.Count), "a GET and every command of each document type: " + string.Join(", ", routes));
        Assert.Equal(before, await StatusesAsync(owner, documents));
        foreach (var segment in documents.Keys)
        {
            Assert.Empty((await intruder.Http.GetJsonAsync("/api/v1/" + segment))["items"]!.AsArray());
        }
    }

    /// <summary>One document of every registered type, owned by <paramref name="dealer"/>, by URL segment.</summary>
    private async Task<Dictionary<string, string>> OwnDocumentsAsync(DealerSession dealer)
    {
        var documents = new Dictionary<string, string>
        {
            ["warranty-claims"] = (await dealer.SubmitValidClaimAsync()).TrackingId,
            ["retail-delivery-reports"] = await SubmitRdrAsync(dealer),
            ["vehicle-orders"] = await dealer.SubmitValidOrderAsync(),
            ["parts-orders"] = await dealer.SubmitValidPartsOrderAsync(),
            ["daily-sales-summaries"] = await SubmitAsync(dealer, "daily-sales-summaries", TestReports.DailySales(TestDocuments.Date(TestDocuments.Today.AddDays(-1)))),
            ["monthly-stock-reports"] = await SubmitAsync(dealer, "monthly-stock-reports", TestReports.Stock(LastMonth())),
            ["monthly-financial-statements"] = await SubmitAsync(dealer, "monthly-financial-statements", TestReports.Financial(LastMonth())),
        };
        var registry = Hub.Service<Dms.Hub.Registry.DocumentTypeRegistry>();
        Assert.Equal(registry.All.Select(t => t.RouteSegment).Order(), documents.Keys.Order());
        return documents;
    }

    /// <summary>Every route that takes a document type's body, from the registry: submit, each command, OEM events.</summary>
    private IEnumerable<(string Caller, string Path, JsonObject Valid)> DocumentTargets(Dictionary<string, string> documents)
    {
        foreach (var type in Hub.Service<Dms.Hub.Registry.DocumentTypeRegistry>().All)
        {
            var id = documents[type.RouteSegment];
            yield return ("dealer", "/api/v1/" + type.RouteSegment, ValidExample(type.SchemaName));
            foreach (var command in type.Commands)
            {
                yield return ("dealer", $"/api/v1/{type.RouteSegment}/{id}/{command.Name}", ValidExample(command.SchemaName));
            }

            if (type.EventSchemaName is { } events)
            {
                yield return ("oem", $"/api/v1/oem/{type.RouteSegment}/{id}/events", ValidExample(events));
            }
        }
    }

    /// <summary>Every dealer service outside the registry (stock snapshots, suggestions), from its declaration.</summary>
    private IEnumerable<(string Caller, string Path, JsonObject Valid)> ServiceTargets() =>
        Hub.Service<Dms.Hub.Services.DealerServices>().All.Select(service => ("dealer",
            "/api/v1" + service.Parameters.Aggregate(service.Route, (route, p) => route.Replace("{" + p.Name + "}", p.Example, StringComparison.Ordinal)),
            ValidExample(service.RequestSchema)));

    private static JsonObject ValidExample(string schema)
    {
        var folder = System.IO.Path.Combine(RepoRoot.Path, "schemas", "examples", schema[..schema.LastIndexOf(".v", StringComparison.Ordinal)], "valid");
        return JsonNode.Parse(File.ReadAllText(Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).First()))!.AsObject();
    }

    private static async Task<List<string>> StatusesAsync(DealerSession dealer, Dictionary<string, string> documents)
    {
        var statuses = new List<string>();
        foreach (var (segment, id) in documents.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            statuses.Add((await dealer.Http.GetJsonAsync($"/api/v1/{segment}/{id}"))["status"]!.GetValue<string>());
        }

        return statuses;
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
        Routes("dealer").Where(r => r.Pattern.Contains("{trackingId}", StringComparison.Ordinal));

    /// <summary>From the endpoint table: every dealer and OEM route that takes a body.</summary>
    private IEnumerable<(string Method, string Pattern)> BodyRoutes() =>
        Routes("dealer").Concat(Routes("oem")).Where(r => r.Method is "POST" or "PUT");

    private IEnumerable<(string Method, string Pattern)> Routes(string policy) =>
        Hub.Service<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == policy))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (m, "/" + e.RoutePattern.RawText!.Trim('/'))));

    private static string LastMonth() => TestDocuments.Today.AddMonths(-1).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> SubmitAsync(DealerSession dealer, string segment, JsonObject body)
    {
        using var response = await dealer.Http.PostJsonAsync("/api/v1/" + segment, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();
    }

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
        yield return ("parts-inventory.v1", "dealer", "/api/v1/parts-inventory");
        yield return ("hq-user.v1", "admin", "/api/v1/admin/hq-users");
        yield return ("parts-order-suggestion-request.v1", "dealer", "/api/v1/parts-orders/suggestions");
        yield return ("parts-order-suggestion-confirmation.v1", "dealer", "/api/v1/parts-orders/suggestions/01K00000000000000000000000/confirm");
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
