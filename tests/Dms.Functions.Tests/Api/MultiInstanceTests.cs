using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Api;

/// <summary>
/// Two hub instances on the same storage, as several instances run in Azure: what one caches never makes the other's
/// changes go missing or a legal request be refused.
/// </summary>
public sealed class MultiInstanceTests(MultiInstanceTests.Fixture fixture) : IClassFixture<MultiInstanceTests.Fixture>, IAsyncLifetime
{
    private HubHost _other = null!;

    public async ValueTask InitializeAsync() => _other = await HubHost.StartAsync(new Dictionary<string, string?>(fixture.Hub.Settings));

    public async ValueTask DisposeAsync() => await _other.DisposeAsync();

    [Fact]
    public async Task OemEvents_AlternatingInstances_EachDecidedOnTheStoredVersion()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub);
        var (trackingId, _) = await dealer.SubmitValidClaimAsync();
        await dealer.WaitForDeliveryAsync(trackingId);
        using var otherOem = _other.Client(HubSettings.OemKey);

        // The first instance still holds the claim as it was when delivered (Submitted); the other moves it on.
        using var accepted = await otherOem.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", new JsonObject { ["type"] = "Accepted", ["oemClaimNumber"] = "OEM-MI-1" });
        var approved = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Approved", ["approvedAmount"] = TestDocuments.Usd(26250) });
        using var paid = await otherOem.PostJsonAsync($"/api/v1/oem/warranty-claims/{trackingId}/events", new JsonObject
        {
            ["type"] = "Paid", ["creditMemo"] = new JsonObject { ["number"] = "CM-MI", ["amount"] = TestDocuments.Usd(26250), ["paidOn"] = TestDocuments.Date(TestDocuments.Today) },
        });
        var illegal = await dealer.OemEventAsync(trackingId, new JsonObject { ["type"] = "Accepted" });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body.ToJsonString());
        Assert.Equal("Approved", approved.Body["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "Paid"), (illegal.Status, illegal.Body["documentStatus"]!.GetValue<string>()));
        var claim = await dealer.ClaimAsync(trackingId);
        Assert.Equal(["Submitted", "Routed", "Delivered", "Accepted", "Approved", "Paid"], claim["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()));
        Assert.Equal("OEM-MI-1", claim["oemReference"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiKey_UnknownThenRegisteredOnTheOtherInstance_WorksAtOnce()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub);
        var key = "late-key-" + Guid.NewGuid().ToString("N");
        using var other = _other.Client(key);
        using var before = await other.GetAsync("/api/v1/warranty-claims");

        await fixture.Hub.Service<Dms.Hub.Dealers.DealerDirectory>().EnsureKeyAsync(key, dealer.Dealer.Code, Dms.Hub.Dealers.PrincipalRole.Dealer, demo: false, default);
        using var after = await other.GetAsync("/api/v1/warranty-claims");

        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Dealer_UpdatedByAnOperator_TheInstanceThatChangedItUsesItAtOnce()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub);
        var directory = fixture.Hub.Service<Dms.Hub.Dealers.DealerDirectory>();
        Assert.Equal("East", (await directory.GetDealerAsync(dealer.Dealer.Code, default))!.Region);
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);
        var update = new JsonObject { ["code"] = dealer.Dealer.Code, ["name"] = "Moved", ["region"] = "West", ["brand"] = "Aurora", ["notificationChannel"] = "mailbox" };

        using var response = await admin.PutAsync($"/api/v1/admin/dealers/{dealer.Dealer.Code}", new StringContent(update.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("West", (await directory.GetDealerAsync(dealer.Dealer.Code, default))!.Region);
    }

    /// <summary>Production caching: credentials and dealers are kept in memory for 30 s.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings) => settings["Dms:Security:CredentialCacheSeconds"] = "30";
    }
}
