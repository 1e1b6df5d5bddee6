using System.Net;

namespace Dms.Functions.Tests.Api;

/// <summary>One dealer flooding is slowed down with 429 + Retry-After; other dealers are unaffected.</summary>
public sealed class RateLimitTests(RateLimitTests.Fixture fixture) : IClassFixture<RateLimitTests.Fixture>
{
    [Fact]
    public async Task Flood_FloodingDealerGets429WithRetryAfter_OtherDealerStillServed()
    {
        using var flooder = await DealerSession.StartAsync(fixture.Hub);
        using var bystander = await DealerSession.StartAsync(fixture.Hub);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await flooder.Http.GetAsync("/api/v1/warranty-claims");
            return (response.StatusCode, response.Headers.RetryAfter?.Delta, (await response.ReadJsonAsync())["code"]?.GetValue<string>());
        }));
        using var other = await bystander.Http.GetAsync("/api/v1/warranty-claims");

        Assert.Contains(statuses, s => s.StatusCode == HttpStatusCode.OK);
        var limited = statuses.Where(s => s.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, s => Assert.True(s.Delta >= TimeSpan.FromSeconds(1) && s.Item3 == "RATE_LIMITED"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OemBackEnd_ItsRolesBucket_CarriesWhatADealersWouldRefuse()
    {
        using var oem = fixture.Hub.Client(HubSettings.OemKey);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            using var response = await oem.PostJsonAsync("/api/v1/oem/warranty-claims/NOSUCHDEALER-01K0000000000000000000000/events", new System.Text.Json.Nodes.JsonObject { ["type"] = "Accepted" });
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Dms:RateLimit:Enabled"] = "true";
            settings["Dms:RateLimit:PermitsPerSecond"] = "2";
            settings["Dms:RateLimit:Burst"] = "10";
            settings["Dms:RateLimit:Roles:Oem:PermitsPerSecond"] = "20";
            settings["Dms:RateLimit:Roles:Oem:Burst"] = "40";
        }
    }
}
