using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Testing;

public sealed record TestDealer(string Code, string ApiKey, string? WebhookSecret)
{
    /// <summary>Registers a dealer through the admin API (a fresh code unless given) and keeps its key.</summary>
    public static async Task<TestDealer> RegisterAsync(HttpClient admin, string? code = null, string channel = "mailbox", string? callbackUrl = null,
        string region = "East", string brand = "Aurora", string? district = null)
    {
        code ??= TestDocuments.NewDealerCode();
        var body = new JsonObject { ["code"] = code, ["name"] = "Test dealer " + code, ["region"] = region, ["brand"] = brand, ["notificationChannel"] = channel };
        if (district is not null)
        {
            body["district"] = district;
        }

        if (callbackUrl is not null)
        {
            body["callbackUrl"] = callbackUrl;
        }

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/dealers", body);
        var json = await response.ReadJsonAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating dealer {code} failed: {(int)response.StatusCode} {json}");
        }

        return new TestDealer(code, json["apiKey"]!.GetValue<string>(), json["webhookSecret"]?.GetValue<string>());
    }
}
