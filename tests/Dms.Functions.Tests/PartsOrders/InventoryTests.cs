using System.Net;
using System.Text.Json.Nodes;
using static Dms.Functions.Tests.PartsOrders.PartsRequests;

namespace Dms.Functions.Tests.PartsOrders;

/// <summary>
/// Dealer stock snapshots over REST: full and incremental, chained by the previous snapshot's ID, a gap answered with
/// 409 INVENTORY_SEQUENCE_GAP, resends idempotent, IDs never reused; stock alerts follow each snapshot; every dealer
/// sees only its own stock.
/// </summary>
public sealed class InventoryTests(InventoryTests.Fixture fixture) : IClassFixture<InventoryTests.Fixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Snapshots_FullIncrementalResend_GapAskForAFullOne_FullRestartsTheChain()
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        var (noChain, noChainProblem) = await dealer.SnapshotAsync(Incremental("I0", "NONE", Part("15400-AUR-001", 5)));
        var (full, fullBody) = await dealer.SnapshotAsync(Full("F1", Part("15400-AUR-001", 5), Part("98079-AUR-200", 8), Part("17220-AUR-030", 2)));
        // The very same snapshot resent (asOf is stamped to the second when a snapshot is built, so build it once).
        var second = Incremental("I2", "F1", Part("15400-AUR-001", 1));
        var (inc, incBody) = await dealer.SnapshotAsync(second);
        var (resent, resentBody) = await dealer.SnapshotAsync(second);
        var (gap, gapProblem) = await dealer.SnapshotAsync(Incremental("I3", "F1", Part("98079-AUR-200", 0)));
        var (reused, reusedProblem) = await dealer.SnapshotAsync(Full("I2", Part("15400-AUR-001", 2)));
        var (restart, _) = await dealer.SnapshotAsync(Full("F4", Part("15400-AUR-001", 7)));
        var head = await dealer.Http.GetJsonAsync(Inventory);

        Assert.Equal((HttpStatusCode.Conflict, "INVENTORY_SEQUENCE_GAP"), (noChain, noChainProblem["code"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Created, 1, 3), (full, fullBody["sequence"]!.GetValue<int>(), fullBody["stockedParts"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.Created, 2, 3, 1), (inc, incBody["sequence"]!.GetValue<int>(), incBody["stockedParts"]!.GetValue<int>(), incBody["partsInSnapshot"]!.GetValue<int>()));
        Assert.Equal((HttpStatusCode.OK, incBody.ToJsonString()), (resent, resentBody.ToJsonString()));
        Assert.Equal((HttpStatusCode.Conflict, "INVENTORY_SEQUENCE_GAP", "I2"), (gap, gapProblem["code"]!.GetValue<string>(), gapProblem["expectedPreviousSnapshotId"]!.GetValue<string>()));
        Assert.Contains("send a full snapshot", gapProblem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, "SNAPSHOT_ID_REUSED"), (reused, reusedProblem["code"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Created, restart);
        Assert.Equal(("F4", 3, 1), (head["snapshotId"]!.GetValue<string>(), head["sequence"]!.GetValue<int>(), head["stockedParts"]!.GetValue<int>()));
        Assert.All(new[] { fullBody, incBody }, body => Assert.Empty(Dms.Hub.Validation.SchemaValidator.Validate(Hub.Service<Dms.Hub.Validation.SchemaCatalog>().Get("parts-inventory-snapshot.v1"), body.ToJsonString())));
    }

    [Fact]
    public async Task Snapshot_RulesBeyondTheSchema_422WithPaths_Malformed400_NotJson415()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var duplicate = Full("D1", Part("15400-AUR-001", 5), Part("15400-AUR-001", 6));
        var removed = Full("D2", Part("15400-AUR-001", 5));
        removed["removedParts"] = new JsonArray("98079-AUR-200");
        var history = Full("D3", Part("15400-AUR-001", 5));
        history["parts"]![0]!["dailyDemand"] = new JsonObject { ["from"] = "2026-11-01", ["sales"] = new JsonArray(1, 2, 3), ["lostSales"] = new JsonArray(0) };
        var noPrevious = Incremental("D4", "X", Part("15400-AUR-001", 5));
        noPrevious.Remove("previousSnapshotId");

        var problems = new List<(HttpStatusCode, string?)>();
        foreach (var snapshot in new[] { duplicate, removed, history, noPrevious })
        {
            var (status, problem) = await dealer.SnapshotAsync(snapshot);
            problems.Add((status, problem["errors"]?[0]?["path"]?.GetValue<string>() + " " + problem["errors"]?[0]?["code"]?.GetValue<string>()));
        }

        using var malformed = await dealer.Http.PostRawAsync(Inventory, "{\"snapshotId\":");
        using var text = await dealer.Http.PostRawAsync(Inventory, "x", contentType: "text/plain");

        Assert.Equal(
            [
                (HttpStatusCode.UnprocessableEntity, "/parts/1/partNumber DUPLICATE_PART"),
                (HttpStatusCode.UnprocessableEntity, "/removedParts REMOVED_PARTS_IN_FULL_SNAPSHOT"),
                (HttpStatusCode.UnprocessableEntity, "/parts/0/dailyDemand DEMAND_HISTORY_MISMATCH"),
                (HttpStatusCode.UnprocessableEntity, "/previousSnapshotId PREVIOUS_SNAPSHOT_REQUIRED"),
            ],
            problems);
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType), (malformed.StatusCode, text.StatusCode));
    }

    [Fact]
    public async Task StockBelowSafety_RaisedPerPartOnce_ClearedByALaterSnapshot_PartViewExplainsIt()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        var low = Part("45022-AUR-010", 1);
        low["twelveMonthSales"] = 365;

        await dealer.SnapshotAsync(Full("A1", low, Part("98079-AUR-200", 40, sales: 100)));
        await dealer.SnapshotAsync(Full("A2", low, Part("98079-AUR-200", 40, sales: 100)));
        var raised = await AlertsAsync(admin, dealer, "Open");
        var part = await dealer.Http.GetJsonAsync(Inventory + "/parts/45022-AUR-010");
        low["onHand"] = 12;
        await dealer.SnapshotAsync(Incremental("A3", "A2", low));
        var cleared = await AlertsAsync(admin, dealer, "Cleared");

        var alert = Assert.Single(raised);
        Assert.Equal(("STOCK_BELOW_SAFETY", "45022-AUR-010", 1, $"{dealer.Dealer.Code}-stock-45022-AUR-010"),
            (alert!["code"]!.GetValue<string>(), alert["documentNumber"]!.GetValue<string>(), alert["occurrences"]!.GetValue<int>(), alert["trackingId"]!.GetValue<string>()));
        Assert.True(part["suggestion"]!["belowSafetyStock"]!.GetValue<bool>());
        Assert.Equal(1.0, part["suggestion"]!["demand"]!["mean"]!.GetValue<double>());
        Assert.Equal("45022-AUR-010", Assert.Single(cleared)!["documentNumber"]!.GetValue<string>());
        Assert.Empty(await AlertsAsync(admin, dealer, "Open"));
    }

    [Fact]
    public async Task StockBelowSafety_HundredsOfParts_RaisedInBatches_HalfCleared_OneRaisedAgain()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var admin = Hub.Client(HubSettings.AdminKey);
        JsonObject[] Stock(int restocked) => [.. Enumerable.Range(0, 250).Select(i => Part("45022-AUR-010", i < restocked ? 50 : 0, sales: 365))
            .Select((p, i) => { p["partNumber"] = $"BULK-{i:D3}"; return p; })];
        await dealer.SnapshotAsync(Full("B1", Stock(0)));
        var raised = await CountAsync(admin, dealer, "Open");
        await dealer.SnapshotAsync(Full("B2", Stock(125)));
        var (open, cleared) = (await CountAsync(admin, dealer, "Open"), await CountAsync(admin, dealer, "Cleared"));
        await dealer.SnapshotAsync(Full("B3", Stock(124)));
        var again = await admin.GetJsonAsync($"/api/v1/admin/alerts/{dealer.Dealer.Code}-stock-BULK-124.STOCK_BELOW_SAFETY");

        Assert.Equal((250, 125, 125), (raised, open, cleared));
        Assert.Equal(("Open", 2), (again["status"]!.GetValue<string>(), again["occurrences"]!.GetValue<int>()));
        Assert.Equal(["Raised", "Cleared", "Raised"], again["history"]!.AsArray().Select(h => h!["event"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherDealer_SeesNoneOfIt_ItsOwnChainIsItsOwn()
    {
        using var owner = await DealerSession.StartAsync(Hub);
        using var other = await DealerSession.StartAsync(Hub);
        await owner.SnapshotAsync(Full("X1", Part("15400-AUR-001", 5)));

        using var head = await other.Http.GetAsync(Inventory);
        using var part = await other.Http.GetAsync(Inventory + "/parts/15400-AUR-001");
        var (gap, _) = await other.SnapshotAsync(Incremental("X2", "X1", Part("15400-AUR-001", 1)));
        var (ownFull, _) = await other.SnapshotAsync(Full("X1", Part("98079-AUR-200", 4)));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (head.StatusCode, part.StatusCode));
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Created), (gap, ownFull));
        Assert.Equal("15400-AUR-001", (await owner.Http.GetJsonAsync(Inventory + "/parts/15400-AUR-001"))["stock"]!["partNumber"]!.GetValue<string>());
    }

    /// <summary>A hub whose part master also has BULK-000 … BULK-249.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            for (var i = 0; i < 250; i++)
            {
                settings[$"Dms:Documents:PartsOrder:PartMaster:BULK-{i:D3}:Description"] = "Bulk test part";
            }
        }
    }

    internal static JsonObject Full(string id, params JsonObject[] parts) => new()
    {
        ["snapshotId"] = id, ["kind"] = "Full", ["asOf"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["parts"] = new JsonArray([.. parts.Select(p => p.DeepClone())]),
    };

    internal static JsonObject Incremental(string id, string previous, params JsonObject[] parts)
    {
        var snapshot = Full(id, parts);
        snapshot["kind"] = "Incremental";
        snapshot["previousSnapshotId"] = previous;
        return snapshot;
    }

    internal static JsonObject Part(string number, int onHand, int? sales = null) =>
        Compact(new JsonObject { ["partNumber"] = number, ["onHand"] = onHand, ["twelveMonthSales"] = sales });

    private static async Task<int> CountAsync(HttpClient admin, DealerSession dealer, string status)
    {
        var count = 0;
        string? token = null;
        do
        {
            var page = await admin.GetJsonAsync($"/api/v1/admin/alerts?dealerCode={dealer.Dealer.Code}&code=STOCK_BELOW_SAFETY&status={status}&pageSize=200"
                + (token is null ? string.Empty : "&continuationToken=" + token));
            count += page["items"]!.AsArray().Count;
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        return count;
    }

    private static async Task<List<JsonNode?>> AlertsAsync(HttpClient admin, DealerSession dealer, string status) =>
        [.. (await admin.GetJsonAsync($"/api/v1/admin/alerts?dealerCode={dealer.Dealer.Code}&code=STOCK_BELOW_SAFETY&status={status}"))["items"]!.AsArray()];
}
