using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.PartsOrders;

/// <summary>A dealer's parts orders, stock snapshots and suggestions over REST, and the depot's events about its orders.</summary>
public static class PartsRequests
{
    public const string Orders = "/api/v1/parts-orders";
    public const string Inventory = "/api/v1/parts-inventory";

    /// <summary>A valid stock order (fresh number) for the demo part master: 10 oil filters, 8 spark plugs, 3 air filters.</summary>
    public static JsonObject PartsOrder(string? number = null, string orderType = "Stock") => new()
    {
        ["dealerOrderNumber"] = number ?? "PO-" + TestDocuments.Next(),
        ["orderType"] = orderType,
        ["lines"] = new JsonArray(
            new JsonObject { ["lineNumber"] = 1, ["partNumber"] = "15400-AUR-001", ["quantity"] = 10 },
            new JsonObject { ["lineNumber"] = 2, ["partNumber"] = "98079-AUR-200", ["quantity"] = 8 },
            new JsonObject { ["lineNumber"] = 3, ["partNumber"] = "17220-AUR-030", ["quantity"] = 3 }),
    };

    /// <summary>A VOR order for a fresh VIN: one brake pad set and two brake discs.</summary>
    public static JsonObject VorOrder(string? number = null) => new()
    {
        ["dealerOrderNumber"] = number ?? "VOR-" + TestDocuments.Next(),
        ["orderType"] = "VOR",
        ["vin"] = TestDocuments.NewVin(),
        ["repairOrderNumber"] = "RO-" + TestDocuments.Next(),
        ["lines"] = new JsonArray(
            new JsonObject { ["lineNumber"] = 1, ["partNumber"] = "45022-AUR-010", ["quantity"] = 1, ["unitOfMeasure"] = "SET" },
            new JsonObject { ["lineNumber"] = 2, ["partNumber"] = "43512-AUR-020", ["quantity"] = 2 }),
    };

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SubmitPartsOrderAsync(this DealerSession dealer, JsonObject order, string? idempotencyKey = null)
    {
        using var response = await dealer.Http.PostJsonAsync(Orders, order, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static async Task<string> SubmitValidPartsOrderAsync(this DealerSession dealer, JsonObject? order = null)
    {
        var (status, body) = await dealer.SubmitPartsOrderAsync(order ?? PartsOrder());
        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
        return body["trackingId"]!.GetValue<string>();
    }

    public static Task<JsonObject> PartsOrderAsync(this DealerSession dealer, string trackingId) => dealer.Http.GetJsonAsync($"{Orders}/{trackingId}");

    public static async Task<(HttpStatusCode Status, JsonObject Body)> DepotEventAsync(this DealerSession dealer, string trackingId, JsonObject oemEvent, string? idempotencyKey = null)
    {
        using var response = await dealer.Oem.PostJsonAsync($"/api/v1/oem/parts-orders/{trackingId}/events", oemEvent, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    /// <summary>Posts depot events in turn, each of which must be taken.</summary>
    public static async Task DepotAsync(this DealerSession dealer, string trackingId, params JsonObject[] events)
    {
        foreach (var oemEvent in events)
        {
            var (status, body) = await dealer.DepotEventAsync(trackingId, oemEvent);
            Assert.True(status == HttpStatusCode.OK, $"{oemEvent.ToJsonString()} → {(int)status} {body.ToJsonString()}");
        }
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> PartsCommandAsync(this DealerSession dealer, string trackingId, string command, JsonObject body, string? idempotencyKey = null)
    {
        using var response = await dealer.Http.PostJsonAsync($"{Orders}/{trackingId}/{command}", body, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SnapshotAsync(this DealerSession dealer, JsonObject snapshot)
    {
        using var response = await dealer.Http.PostJsonAsync(Inventory, snapshot);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static JsonObject Ack(params (int Line, JsonObject[] Allocations)[] lines) => new()
    {
        ["type"] = "Acknowledged",
        ["acknowledgement"] = new JsonObject
        {
            ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l.Line, ["allocations"] = new JsonArray([.. l.Allocations]) })]),
        },
    };

    /// <summary>
    /// An accepted allocation promised <paramref name="promisedInDays"/> after <paramref name="today"/>: the hub's today,
    /// which a hub on a fake clock must be given (the fake clock runs ahead of the wall clock as its tests advance it).
    /// </summary>
    public static JsonObject Accepted(int? quantity = null, string depot = "PDC-EAST", int promisedInDays = 1, DateOnly? today = null) =>
        Allocation("Accepted", quantity, depot, promisedInDays, today);

    public static JsonObject Backordered(int? quantity = null, DateOnly? today = null) =>
        Compact(new() { ["status"] = "Backordered", ["quantity"] = quantity, ["expectedShipDate"] = TestDocuments.Date((today ?? TestDocuments.Today).AddDays(10)) });

    public static JsonObject Allocation(string status, int? quantity = null, string depot = "PDC-EAST", int promisedInDays = 1, DateOnly? today = null) => Compact(new()
    {
        ["status"] = status, ["quantity"] = quantity, ["depot"] = depot, ["promisedShipDate"] = TestDocuments.Date((today ?? TestDocuments.Today).AddDays(promisedInDays)),
    });

    public static JsonObject Ship(string shipmentId, params (int Line, int Quantity)[] lines) => new()
    {
        ["type"] = "ShipNotice",
        ["shipNotice"] = new JsonObject
        {
            ["shipmentId"] = shipmentId, ["carrier"] = "DHL", ["trackingNumber"] = "JD" + TestDocuments.Next(), ["shipDate"] = TestDocuments.Date(TestDocuments.Today),
            ["eta"] = TestDocuments.Date(TestDocuments.Today.AddDays(1)),
            ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l.Line, ["quantity"] = l.Quantity })]),
        },
    };

    public static JsonObject Receipt(string shipmentId, params JsonObject[] lines)
    {
        var receipt = new JsonObject { ["shipmentId"] = shipmentId, ["receivedOn"] = TestDocuments.Date(TestDocuments.Today) };
        if (lines.Length > 0)
        {
            receipt["lines"] = new JsonArray([.. lines]);
        }

        return receipt;
    }

    public static JsonObject Discrepant(int line, string kind, int quantity, string? partReceived = null) => new()
    {
        ["lineNumber"] = line,
        ["discrepancies"] = new JsonArray(Compact(new JsonObject { ["kind"] = kind, ["quantity"] = quantity, ["partNumberReceived"] = partReceived })),
    };

    public static JsonObject Resolve(string discrepancyId, string outcome) =>
        new() { ["type"] = "DiscrepancyResolved", ["resolution"] = new JsonObject { ["discrepancyId"] = discrepancyId, ["outcome"] = outcome } };

    public static JsonObject Buckets(this JsonObject order, int line) => order["oem"]!["lines"]!.AsArray().Single(l => l!["lineNumber"]!.GetValue<int>() == line)!["buckets"]!.AsObject();

    public static int Bucket(this JsonObject order, int line, string bucket) => order.Buckets(line)[bucket]!.GetValue<int>();

    /// <summary>Without its null members (the schemas refuse explicit nulls).</summary>
    public static JsonObject Compact(JsonObject node)
    {
        foreach (var (name, _) in node.Where(p => p.Value is null).ToList())
        {
            node.Remove(name);
        }

        return node;
    }
}
