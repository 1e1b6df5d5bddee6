using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests;

/// <summary>A dealer talking to the hub: submit, read, wait for a status, with the OEM's key at hand.</summary>
public sealed class DealerSession(HubHost hub, TestDealer dealer) : IDisposable
{
    public TestDealer Dealer { get; } = dealer;

    public HttpClient Http { get; } = hub.Client(dealer.ApiKey);

    public HttpClient Oem { get; } = hub.Client(HubSettings.OemKey);

    public static async Task<DealerSession> StartAsync(HubHost hub, string channel = "mailbox", string? callbackUrl = null, string region = "East", string brand = "Aurora") =>
        new(hub, await hub.CreateDealerAsync(channel: channel, callbackUrl: callbackUrl, region: region, brand: brand));

    /// <summary>Submits an RDR (delivered yesterday by default) and returns the VIN, now under warranty.</summary>
    public async Task<string> RetailAsync(string? vin = null, DateOnly? delivered = null)
    {
        vin ??= TestDocuments.NewVin();
        using var response = await Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin, delivered));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return vin;
    }

    public async Task<(HttpStatusCode Status, JsonObject Body)> SubmitClaimAsync(JsonObject claim, string? idempotencyKey = null)
    {
        using var response = await Http.PostJsonAsync("/api/v1/warranty-claims", claim, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    /// <summary>Submits a valid claim for a freshly retailed VIN and returns its tracking ID.</summary>
    public async Task<(string TrackingId, JsonObject Claim)> SubmitValidClaimAsync(string? number = null)
    {
        var claim = TestDocuments.Claim(await RetailAsync(), number: number);
        var (status, body) = await SubmitClaimAsync(claim);
        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
        return (body["trackingId"]!.GetValue<string>(), claim);
    }

    public Task<JsonObject> ClaimAsync(string trackingId) => Http.GetJsonAsync("/api/v1/warranty-claims/" + trackingId);

    public Task<JsonObject> WaitForAsync(string trackingId, Func<JsonObject, bool> condition, string what, string path = "warranty-claims", TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => Http.GetJsonAsync($"/api/v1/{path}/{trackingId}"), condition, timeout ?? TimeSpan.FromSeconds(30), what);

    public Task<JsonObject> WaitForDeliveryAsync(string trackingId, string status = "Delivered", string path = "warranty-claims") =>
        WaitForAsync(trackingId, c => c["deliveries"]?.AsArray().Any(d => d!["status"]!.GetValue<string>() == status) == true, "delivery " + status, path);

    public async Task<(HttpStatusCode Status, JsonObject Body)> OemEventAsync(string trackingId, JsonObject oemEvent, string? idempotencyKey = null)
    {
        using var response = await Oem.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", oemEvent, idempotencyKey);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public void Dispose()
    {
        Http.Dispose();
        Oem.Dispose();
    }
}
