using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.PartsOrders.InventoryTests;
using static Dms.Functions.Tests.PartsOrders.PartsRequests;

namespace Dms.Functions.Tests.PartsOrders;

/// <summary>
/// Suggested stock orders over REST: made from the latest snapshot with every line explained, confirmed into a normal
/// order (source suggested) exactly once, never seen by another dealer; the nightly run submits for dealers who opted
/// in, once per day.
/// </summary>
public sealed class SuggestionTests(SuggestionTests.Fixture fixture) : IClassFixture<SuggestionTests.Fixture>
{
    private const string Suggestions = "/api/v1/parts-orders/suggestions";

    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Suggest_ExplainsEveryLine_Confirm_BecomesASuggestedOrder_ConfirmAgain_SameOrder()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        await dealer.SnapshotAsync(Stock("S1"));

        using var created = await dealer.Http.PostAsync(Suggestions, null);
        var suggestion = await created.ReadJsonAsync();
        var id = suggestion["suggestionId"]!.GetValue<string>();
        var (first, confirmed) = await ConfirmAsync(dealer, id, null);
        var (second, again) = await ConfirmAsync(dealer, id, null);
        var orderId = confirmed["orders"]![0]!["trackingId"]!.GetValue<string>();
        var order = await dealer.PartsOrderAsync(orderId);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var lines = suggestion["lines"]!.AsArray();
        Assert.Equal(["15400-AUR-001", "45022-AUR-010"], lines.Select(l => l!["partNumber"]!.GetValue<string>()));
        var filter = lines[0]!;
        // d = 1.9 (daily, s = 0.7) + 20/365 (the superseded filter, s = √d) = 1.955, s = 0.738; L = 2 + 7/2 = 5.5:
        // safety 2.856, ROP 13.608, OUT 27.291; position 4 + 2 = 6; 21.291 → 5 packs of 5 = 25.
        Assert.Equal((25, 5, "mixed", 13.608, 27.291), (filter["quantity"]!.GetValue<int>(), filter["packSize"]!.GetValue<int>(), filter["demand"]!["source"]!.GetValue<string>(),
            filter["reorderPoint"]!.GetValue<double>(), filter["orderUpTo"]!.GetValue<double>()));
        Assert.Equal(["15400-AUR-000"], filter["includes"]!.AsArray().Select(p => p!.GetValue<string>()));
        foreach (var field in new[] { "safetyStock", "reorderPoint", "orderUpTo", "effectiveLeadTimeDays", "explanation" })
        {
            Assert.NotNull(filter[field]);
        }

        Assert.Equal(["16400-AUR-130"], suggestion["skipped"]!.AsArray().Select(s => s!["partNumber"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first, second));
        Assert.Equal((orderId, true), (again["orders"]![0]!["trackingId"]!.GetValue<string>(), again["orders"]![0]!["replayed"]!.GetValue<bool>()));
        Assert.Equal(("suggested", id, "Stock"), (order["document"]!["source"]!.GetValue<string>(), order["document"]!["suggestionId"]!.GetValue<string>(), order["document"]!["orderType"]!.GetValue<string>()));
        Assert.Equal("suggested", order["fields"]!["source"]!.GetValue<string>());
        var schemas = Hub.Service<Dms.Hub.Validation.SchemaCatalog>();
        Assert.Empty(Dms.Hub.Validation.SchemaValidator.Validate(schemas.Get("parts-order-suggestion.v1"), suggestion.ToJsonString()));
        Assert.Empty(Dms.Hub.Validation.SchemaValidator.Validate(schemas.Get("parts-order-suggestion-confirmed.v1"), again.ToJsonString()));
        Assert.Equal(["CancelPartsOrder"], confirmed["orders"]![0]!["allowedActions"]!.AsArray().Select(a => a!["soapOperation"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Confirm_OwnNumberWithoutAPart_OnlyTheRest_EveryPartExcluded_422()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        await dealer.SnapshotAsync(Stock("S1"));
        using var created = await dealer.Http.PostJsonAsync(Suggestions, new JsonObject { ["partNumbers"] = new JsonArray("15400-AUR-001", "45022-AUR-010") });
        var id = (await created.ReadJsonAsync())["suggestionId"]!.GetValue<string>();
        var number = "PO-OWN-" + TestDocuments.Next();

        var (empty, problem) = await ConfirmAsync(dealer, id, new JsonObject { ["excludePartNumbers"] = new JsonArray("15400-AUR-001", "45022-AUR-010") });
        var (status, confirmed) = await ConfirmAsync(dealer, id, new JsonObject { ["dealerOrderNumber"] = number, ["excludePartNumbers"] = new JsonArray("45022-AUR-010") });
        var order = await dealer.PartsOrderAsync(confirmed["orders"]![0]!["trackingId"]!.GetValue<string>());

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "SUGGESTION_EMPTY"), (empty, problem["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal((number, 1, "15400-AUR-001"), (order["documentNumber"]!.GetValue<string>(), order["document"]!["lines"]!.AsArray().Count, order["document"]!["lines"]![0]!["partNumber"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherDealer_CannotReadOrConfirm_NoStockData_409()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var other = await DealerSession.StartAsync(Hub);
        await owner.SnapshotAsync(Stock("S1"));
        using var created = await owner.Http.PostAsync(Suggestions, null);
        var id = (await created.ReadJsonAsync())["suggestionId"]!.GetValue<string>();

        using var read = await other.Http.GetAsync($"{Suggestions}/{id}");
        var (confirm, _) = await ConfirmAsync(other, id, null);
        using var none = await other.Http.PostAsync(Suggestions, null);
        using var missing = await owner.Http.GetAsync($"{Suggestions}/01K00000000000000000000000");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (read.StatusCode, confirm, missing.StatusCode));
        Assert.Equal((HttpStatusCode.Conflict, "NO_INVENTORY"), (none.StatusCode, (await none.ReadJsonAsync())["code"]!.GetValue<string>()));
        Assert.Empty((await other.Http.GetJsonAsync(Orders))["items"]!.AsArray());
    }

    [Fact]
    public async Task Nightly_OptedInDealerGetsItsOrderOnce_OthersNone()
    {
        using var opted = new DealerSession(Hub, await Hub.CreateDealerAsync(code: fixture.AutoDealer));
        using var manual = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        await opted.SnapshotAsync(Stock("N1"));
        await manual.SnapshotAsync(Stock("N1"));
        var day = TestDocuments.Date(TestDocuments.Today);

        using var first = await admin.PostAsync("/api/v1/admin/parts-suggestions/nightly-runs?day=" + day, null);
        var report = await first.ReadJsonAsync();
        await Hub.Service<Dms.Hub.PartsOrders.Suggestions.NightlySuggestions>().RunForAsync(TestDocuments.Today, CancellationToken.None);
        using var again = await admin.PostAsync("/api/v1/admin/parts-suggestions/nightly-runs?day=" + day, null);
        using var badDay = await admin.PostAsync("/api/v1/admin/parts-suggestions/nightly-runs?day=tomorrow", null);

        Assert.Equal((HttpStatusCode.OK, 1, 1), (first.StatusCode, report["dealers"]!.GetValue<int>(), report["ordersSubmitted"]!.GetValue<int>()));
        var orders = (await opted.Http.GetJsonAsync(Orders))["items"]!.AsArray();
        var order = Assert.Single(orders)!;
        Assert.Equal(($"AUTO-{TestDocuments.Today:yyyyMMdd}", "suggested"), (order["documentNumber"]!.GetValue<string>(), order["fields"]!["source"]!.GetValue<string>()));
        Assert.Equal(0, (await again.ReadJsonAsync())["ordersSubmitted"]!.GetValue<int>());
        Assert.Empty((await manual.Http.GetJsonAsync(Orders))["items"]!.AsArray());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, badDay.StatusCode);
    }

    /// <summary>Oil filters (and their superseded predecessor) selling daily, brake pads selling slowly, a discontinued radiator.</summary>
    private static JsonObject Stock(string id)
    {
        var daily = new JsonObject
        {
            ["from"] = TestDocuments.Date(TestDocuments.Today.AddDays(-9)),
            ["sales"] = new JsonArray(2, 1, 2, 3, 1, 2, 2, 1, 3, 2),
        };
        var filter = Part("15400-AUR-001", 4);
        filter["dailyDemand"] = daily;
        return Full(id, filter, Part("15400-AUR-000", 2, sales: 20), Part("45022-AUR-010", 0, sales: 120), Part("16400-AUR-130", 1, sales: 3), Part("31500-AUR-050", 9, sales: 10));
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ConfirmAsync(DealerSession dealer, string id, JsonObject? body)
    {
        using var response = body is null ? await dealer.Http.PostAsync($"{Suggestions}/{id}/confirm", null) : await dealer.Http.PostJsonAsync($"{Suggestions}/{id}/confirm", body);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        public string AutoDealer { get; } = "AUTO" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        protected override void Configure(Dictionary<string, string?> settings) =>
            settings["Dms:Documents:PartsOrder:Suggestions:AutoSubmitDealers:0"] = AutoDealer;
    }
}
