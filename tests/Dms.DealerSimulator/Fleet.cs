using System.Security.Cryptography;
using Dms.Testing;

namespace Dms.DealerSimulator;

/// <summary>One simulated dealer system: its code and the channel it submits through.</summary>
public sealed record SimDealer(string Code, string ApiKey, IDealerChannel Channel);

/// <summary>Registers the dealers of a run through the admin API (webhooks to the <see cref="DecisionInbox"/>, SOAP secrets for legacy ones).</summary>
public static class Fleet
{
    private static readonly string[] Regions = ["East", "West", "North", "South"];
    private static readonly string[] Brands = ["Aurora", "Borealis"];

    /// <param name="hub">A client of the hub without credentials (dealers share it; each request carries its own key).</param>
    public static async Task<IReadOnlyList<SimDealer>> RegisterAsync(SimulationOptions options, DecisionInbox inbox, HttpClient hub)
    {
        using var admin = new HttpClient { BaseAddress = hub.BaseAddress };
        admin.DefaultRequestHeaders.Add("X-Api-Key", options.AdminKey);
        var run = Convert.ToHexString(RandomNumberGenerator.GetBytes(3));
        var soapDealers = (int)Math.Round(options.Dealers * options.SoapShare);
        var dealers = new List<SimDealer>();
        foreach (var batch in Enumerable.Range(0, options.Dealers).Chunk(8))
        {
            dealers.AddRange(await Task.WhenAll(batch.Select(i => RegisterOneAsync(admin, inbox, hub, $"S{run}{i:D4}", i, soap: i < soapDealers))));
        }

        return dealers;
    }

    private static async Task<SimDealer> RegisterOneAsync(HttpClient admin, DecisionInbox inbox, HttpClient hub, string code, int index, bool soap)
    {
        var dealer = await TestDealer.RegisterAsync(admin, code, "webhook", inbox.CallbackFor(code), Regions[index % Regions.Length], Brands[index % Brands.Length]);
        if (!soap)
        {
            return new SimDealer(code, dealer.ApiKey, new RestChannel(hub, dealer.ApiKey));
        }

        using var secret = await admin.PostAsync($"/api/v1/admin/dealers/{code}/soap-secret", null);
        var soapSecret = (await secret.EnsureSuccessStatusCode().ReadJsonAsync())["soapSecret"]!.GetValue<string>();
        return new SimDealer(code, dealer.ApiKey, new SoapChannel(new Uri(hub.BaseAddress!, "/soap/DealerService.svc").ToString(), code, soapSecret));
    }
}
