using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>Onboarding, key rotation and the partner registry.</summary>
public sealed class AdminTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task RegisterDealer_KeyShownOnceWorksAndIsNotStored()
    {
        var dealer = await Hub.CreateDealerAsync();
        using var client = Hub.Client(dealer.ApiKey);
        using var admin = Hub.Client(HubSettings.AdminKey);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/warranty-claims")).StatusCode);
        var view = await admin.GetJsonAsync($"/api/v1/admin/dealers/{dealer.Code}");
        Assert.Equal(dealer.Code, view["code"]!.GetValue<string>());
        Assert.DoesNotContain(dealer.ApiKey, view.ToJsonString(), StringComparison.Ordinal);
        var stored = await Hub.Service<Dms.Hub.Dealers.ICredentialStore>().GetAsync(Dms.Hub.Dealers.ApiKeys.Fingerprint(dealer.ApiKey), CancellationToken.None);
        Assert.NotNull(stored);
        Assert.DoesNotContain(dealer.ApiKey, stored.Hash + stored.Salt + stored.Fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotateKey_OldKeyRejectedNewKeyWorks()
    {
        var dealer = await Hub.CreateDealerAsync();
        using var admin = Hub.Client(HubSettings.AdminKey);

        var rotated = await (await admin.PostAsync($"/api/v1/admin/dealers/{dealer.Code}/api-keys", null)).ReadJsonAsync();

        using var oldClient = Hub.Client(dealer.ApiKey);
        using var newClient = Hub.Client(rotated["apiKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await oldClient.GetAsync("/api/v1/warranty-claims")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await newClient.GetAsync("/api/v1/warranty-claims")).StatusCode);
    }

    [Fact]
    public async Task RegisterDealer_DuplicateCode_409_InvalidBody_422()
    {
        var dealer = await Hub.CreateDealerAsync();
        using var admin = Hub.Client(HubSettings.AdminKey);

        using var duplicate = await admin.PostAsJsonAsync("/api/v1/admin/dealers", new JsonObject { ["code"] = dealer.Code, ["name"] = "x", ["region"] = "x", ["brand"] = "x" });
        using var invalid = await admin.PostAsJsonAsync("/api/v1/admin/dealers", new JsonObject { ["code"] = "lower", ["name"] = "x", ["region"] = "x", ["brand"] = "x", ["notificationChannel"] = "webhook" });
        using var noUrl = await admin.PostAsJsonAsync("/api/v1/admin/dealers", new JsonObject { ["code"] = TestDocuments.NewDealerCode(), ["name"] = "x", ["region"] = "x", ["brand"] = "x", ["notificationChannel"] = "webhook" });

        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("/callbackUrl", (await noUrl.ReadJsonAsync())["errors"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateDealer_ChannelAndRegion_KeyKept()
    {
        var dealer = await Hub.CreateDealerAsync();
        using var admin = Hub.Client(HubSettings.AdminKey);

        using var response = await admin.PutAsync($"/api/v1/admin/dealers/{dealer.Code}", System.Net.Http.Json.JsonContent.Create(new JsonObject
        {
            ["code"] = dealer.Code, ["name"] = "Renamed", ["region"] = "West", ["brand"] = "Borealis", ["notificationChannel"] = "webhook", ["callbackUrl"] = "https://dealer.example/hook",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("West", (await admin.GetJsonAsync($"/api/v1/admin/dealers/{dealer.Code}"))["region"]!.GetValue<string>());
        using var client = Hub.Client(dealer.ApiKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/warranty-claims")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/dealers/NOSUCH1/api-keys", null)).StatusCode);
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        using var anonymous = Hub.Client();

        var live = await anonymous.GetJsonAsync("/health/live");
        var ready = await anonymous.GetJsonAsync("/health/ready");

        Assert.Equal("live", live["status"]!.GetValue<string>());
        Assert.Equal("ready", ready["status"]!.GetValue<string>());
        Assert.Equal("ok", ready["checks"]!["table-storage"]!.GetValue<string>());
    }

    [Fact]
    public async Task Runtime_CountsStorageRoundTripsByKind_OperatorsOnly()
    {
        var dealer = await Hub.CreateDealerAsync();
        using var client = Hub.Client(dealer.ApiKey);
        using var admin = Hub.Client(HubSettings.AdminKey);

        var before = await admin.GetJsonAsync("/api/v1/admin/runtime");
        using var submitted = await client.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        var after = await admin.GetJsonAsync("/api/v1/admin/runtime");

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        long Count(JsonObject view, string kind) => view["storageRequests"]![kind]?.GetValue<long>() ?? 0;
        Assert.True(Count(after, "table-read") > Count(before, "table-read"), after.ToJsonString());
        Assert.True(Count(after, "table-batch") + Count(after, "table-write") > Count(before, "table-batch") + Count(before, "table-write"), after.ToJsonString());
        Assert.Equal(after["storageRequests"]!.AsObject().Sum(k => k.Value!.GetValue<long>()), after["storageRequestsTotal"]!.GetValue<long>());
        Assert.True(after["cpuSeconds"]!.GetValue<double>() > 0 && after["peakWorkingSetBytes"]!.GetValue<long>() >= after["workingSetBytes"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/admin/runtime")).StatusCode);
    }
}
