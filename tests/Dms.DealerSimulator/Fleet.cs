using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Dms.Testing;

namespace Dms.DealerSimulator;

/// <summary>One simulated dealer system: its code and the channel it submits through.</summary>
public sealed record SimDealer(string Code, string ApiKey, IDealerChannel Channel);

/// <summary>Registers the dealers of a run through the admin API (webhooks to the <see cref="DecisionInbox"/>, SOAP secrets for legacy ones).</summary>
public static class Fleet
{
    private static readonly string[] Regions = ["East", "West", "North", "South"];
    private static readonly string[] Brands = ["Aurora", "Borealis"];

    public static async Task<IReadOnlyList<SimDealer>> RegisterAsync(SimulationOptions options, DecisionInbox inbox, HttpClient hub)
    {
        var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
        var soapDealers = (int)Math.Round(options.Dealers * options.SoapShare);
        var dealers = new List<SimDealer>();
        foreach (var batch in Enumerable.Range(0, options.Dealers).Chunk(8))
        {
            dealers.AddRange(await Task.WhenAll(batch.Select(i => RegisterOneAsync(options, inbox, hub, $"S{run}{i:D4}", i, soap: i < soapDealers))));
        }

        return dealers;
    }

    private static async Task<SimDealer> RegisterOneAsync(SimulationOptions options, DecisionInbox inbox, HttpClient hub, string code, int index, bool soap)
    {
        using var admin = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/dealers")
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["code"] = code, ["name"] = "Simulated dealer " + code, ["region"] = Regions[index % Regions.Length],
                ["brand"] = Brands[index % Brands.Length], ["notificationChannel"] = "webhook", ["callbackUrl"] = inbox.CallbackFor(code),
            }),
        };
        admin.Headers.Add("X-Api-Key", options.AdminKey);
        using var created = await hub.SendAsync(admin);
        var body = await created.ReadJsonAsync();
        if (!created.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering dealer {code} failed: {(int)created.StatusCode} {body}");
        }

        var apiKey = body["apiKey"]!.GetValue<string>();
        if (!soap)
        {
            return new SimDealer(code, apiKey, new RestChannel(hub, apiKey));
        }

        using var secretRequest = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/admin/dealers/{code}/soap-secret");
        secretRequest.Headers.Add("X-Api-Key", options.AdminKey);
        using var secret = await hub.SendAsync(secretRequest);
        var soapSecret = (await secret.ReadJsonAsync())["soapSecret"]!.GetValue<string>();
        return new SimDealer(code, apiKey, new SoapChannel(new Uri(hub.BaseAddress!, "/soap/DealerService.svc").ToString(), code, soapSecret));
    }
}
