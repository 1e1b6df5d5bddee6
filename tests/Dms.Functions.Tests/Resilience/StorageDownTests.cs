using System.Net;

namespace Dms.Functions.Tests.Resilience;

/// <summary>With storage unreachable, submissions get 503 + Retry-After (never 202, never 500) and readiness says so.</summary>
public sealed class StorageDownTests
{
    [Fact]
    public async Task StorageUnreachable_Submit503WithRetryAfter_ReadyFalse_LiveTrue()
    {
        const string closed = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey + ";TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        var settings = HubSettings.Defaults(closed, "down", "http://127.0.0.1:9/claims", "http://127.0.0.1:9/rdr");
        await using var hub = await HubHost.StartAsync(settings, waitReady: false);
        using var dealer = hub.Client("demo-key-D001");

        using var submit = await dealer.PostJsonAsync("/api/v1/warranty-claims", TestDocuments.Claim(TestDocuments.NewVin()));
        using var ready = await hub.Client().GetAsync("/health/ready");
        using var live = await hub.Client().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), submit.Headers.RetryAfter!.Delta);
        var problem = await submit.ReadJsonAsync();
        Assert.Equal("SERVICE_UNAVAILABLE", problem["code"]!.GetValue<string>());
        Assert.DoesNotContain("Exception", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
