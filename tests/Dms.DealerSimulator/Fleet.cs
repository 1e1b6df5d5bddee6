using System.Security.Cryptography;
using Dms.Testing;

namespace Dms.DealerSimulator;

/// <summary>
/// One simulated dealer system: its code, the brand it sells and the channel it submits through (<paramref name="Rest"/>
/// for what its channel does not offer: a SOAP dealer's parts orders go over REST).
/// </summary>
public sealed record SimDealer(string Code, string ApiKey, string Brand, IDealerChannel Channel, IDealerChannel Rest)
{
    public IDealerChannel ChannelFor(MixEntry type) => Channel is SoapChannel && type.SoapDocument is null ? Rest : Channel;
}

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
        var brand = Brands[index % Brands.Length];
        var dealer = await TestDealer.RegisterAsync(admin, code, "webhook", inbox.CallbackFor(code), Regions[index % Regions.Length], brand);
        var rest = new RestChannel(hub, dealer.ApiKey);
        if (!soap)
        {
            return new SimDealer(code, dealer.ApiKey, brand, rest, rest);
        }

        using var secret = await admin.PostAsync($"/api/v1/admin/dealers/{code}/soap-secret", null);
        var soapSecret = (await secret.EnsureSuccessStatusCode().ReadJsonAsync())["soapSecret"]!.GetValue<string>();
        return new SimDealer(code, dealer.ApiKey, brand, new SoapChannel(new Uri(hub.BaseAddress!, "/soap/DealerService.svc").ToString(), code, soapSecret), rest);
    }
}
