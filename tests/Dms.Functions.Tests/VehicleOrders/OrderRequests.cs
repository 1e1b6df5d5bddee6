using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>A dealer's vehicle orders over REST, and the OEM's events about them.</summary>
public static class OrderRequests
{
    public const string Orders = "/api/v1/vehicle-orders";

    public static async Task<(HttpStatusCode Status, JsonObject Body)> SubmitOrderAsync(this DealerSession dealer, JsonObject order, string? idempotencyKey = null)
    {
        using var response = await dealer.Http.PostJsonAsync(Orders, order, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    /// <summary>Submits a valid order (by default an AUR-SUV) and returns its tracking ID.</summary>
    public static async Task<string> SubmitValidOrderAsync(this DealerSession dealer, JsonObject? order = null)
    {
        var (status, body) = await dealer.SubmitOrderAsync(order ?? TestDocuments.Order());
        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
        return body["trackingId"]!.GetValue<string>();
    }

    public static Task<JsonObject> OrderAsync(this DealerSession dealer, string trackingId) => dealer.Http.GetJsonAsync($"{Orders}/{trackingId}");

    public static async Task<(HttpStatusCode Status, JsonObject Body)> OrderEventAsync(this DealerSession dealer, string trackingId, JsonObject oemEvent, string? idempotencyKey = null)
    {
        using var response = await dealer.Oem.PostJsonAsync($"/api/v1/oem/vehicle-orders/{trackingId}/events", oemEvent, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static async Task<(HttpStatusCode Status, JsonObject Body)> OrderCommandAsync(this DealerSession dealer, string trackingId, string command, JsonObject body, string? idempotencyKey = null)
    {
        using var response = await dealer.Http.PostJsonAsync($"{Orders}/{trackingId}/{command}", body, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    /// <summary>Posts canonical stage events in turn, each of which must be taken.</summary>
    public static async Task MoveAsync(this DealerSession dealer, string trackingId, params JsonObject[] events)
    {
        foreach (var oemEvent in events)
        {
            var (status, body) = await dealer.OrderEventAsync(trackingId, oemEvent);
            Assert.True(status == HttpStatusCode.OK, $"{oemEvent.ToJsonString()} → {(int)status} {body.ToJsonString()}");
        }
    }

    /// <summary>Submits an order and takes it to AtDealer with a fresh VIN; returns both.</summary>
    public static async Task<(string TrackingId, string Vin)> DeliveredOrderAsync(this DealerSession dealer)
    {
        var trackingId = await dealer.SubmitValidOrderAsync();
        var vin = TestDocuments.NewVin();
        await dealer.MoveAsync(trackingId, Event("Accepted"), Event("Produced", new() { ["vin"] = vin }), Event("InTransit"), Event("AtDealer"));
        return (trackingId, vin);
    }

    public static JsonObject Event(string type, JsonObject? data = null)
    {
        var body = data ?? [];
        body["type"] = type;
        return body;
    }

    public static JsonObject Coded(string scheme, string code, JsonObject? data = null)
    {
        var body = data ?? [];
        body["oemCode"] = new JsonObject { ["scheme"] = scheme, ["code"] = code };
        return body;
    }

    public static JsonObject Eta(int earliestDays, int latestDays, DateTimeOffset setAt) => new()
    {
        ["earliest"] = TestDocuments.Date(TestDocuments.Today.AddDays(earliestDays)),
        ["latest"] = TestDocuments.Date(TestDocuments.Today.AddDays(latestDays)),
        ["source"] = "Carrier",
        ["setAt"] = setAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Status(this JsonObject document) => document["status"]!.GetValue<string>();

    public static IEnumerable<string> Events(this JsonObject document) => document["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>());
}
