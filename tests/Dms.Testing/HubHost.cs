using Dms.Functions;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Testing;

/// <summary>The real hub on real Kestrel (127.0.0.1, port 0), over Azurite, with its own table prefix.</summary>
public sealed class HubHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HubHost(WebApplication app, Uri baseAddress, Uri? httpsAddress, IReadOnlyDictionary<string, string?> settings)
    {
        _app = app;
        BaseAddress = baseAddress;
        HttpsAddress = httpsAddress;
        Settings = settings;
    }

    public Uri BaseAddress { get; }

    /// <summary>Set when started with a certificate (SOAP clients sending credentials need TLS).</summary>
    public Uri? HttpsAddress { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<HubHost> StartAsync(IDictionary<string, string?> settings, bool waitReady = true, Action<IServiceCollection>? services = null, X509Certificate2? https = null)
    {
        var app = HubApp.Create([], configuration => configuration.AddInMemoryCollection(settings), collection =>
        {
            services?.Invoke(collection);
            if (https is not null)
            {
                collection.Configure<KestrelServerOptions>(kestrel => kestrel.ConfigureHttpsDefaults(tls => tls.ServerCertificate = https));
            }
        });
        app.Urls.Add("http://127.0.0.1:0");
        if (https is not null)
        {
            app.Urls.Add("https://127.0.0.1:0");
        }

        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Select(a => new Uri(a)).ToList();
        var httpsAddress = addresses.FirstOrDefault(a => a.Scheme == "https") is { } secure ? new Uri("https://localhost:" + secure.Port) : null;
        var host = new HubHost(app, addresses.First(a => a.Scheme == "http"), httpsAddress, new Dictionary<string, string?>(settings));
        if (waitReady)
        {
            await Readiness.WaitAsync(host.Client);
        }

        return host;
    }

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Registers a dealer through the admin API and returns its code, API key and webhook secret.</summary>
    public async Task<TestDealer> CreateDealerAsync(string? code = null, string channel = "mailbox", string? callbackUrl = null, string region = "East", string brand = "Aurora", string? district = null)
    {
        using var admin = Client(HubSettings.AdminKey);
        return await TestDealer.RegisterAsync(admin, code, channel, callbackUrl, region, brand, district);
    }

    /// <summary>Registers an HQ user (region null) or a regional manager through the admin API and returns its key.</summary>
    public async Task<string> CreateHqUserAsync(string? region = null)
    {
        using var admin = Client(HubSettings.AdminKey);
        return await TestHqUser.RegisterAsync(admin, region);
    }

    /// <summary>Registers a regional or district manager; returns its ID, API key and (with a callback URL) webhook secret.</summary>
    public async Task<(string Id, string ApiKey, string? WebhookSecret)> CreateManagerAsync(string region, string? district = null, string? callbackUrl = null)
    {
        using var admin = Client(HubSettings.AdminKey);
        var id = (district is null ? "rm-" : "dm-") + Guid.NewGuid().ToString("N")[..12];
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = id, ["name"] = "Test " + id, ["role"] = district is null ? "regional-manager" : "district-manager", ["region"] = region,
        };
        if (district is not null)
        {
            body["district"] = district;
        }

        if (callbackUrl is not null)
        {
            body["callbackUrl"] = callbackUrl;
        }

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/hq-users", body);
        var json = await response.ReadJsonAsync();
        return response.StatusCode == System.Net.HttpStatusCode.Created
            ? (id, json["apiKey"]!.GetValue<string>(), json["webhookSecret"]?.GetValue<string>())
            : throw new InvalidOperationException($"Creating manager {id} failed: {(int)response.StatusCode} {json}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
