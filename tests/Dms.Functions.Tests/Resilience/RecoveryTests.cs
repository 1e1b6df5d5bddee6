using System.Net;

namespace Dms.Functions.Tests.Resilience;

/// <summary>The hub dies mid-flow (SIGKILL) and is started again: nothing accepted is lost, nothing applied twice.</summary>
public sealed class RecoveryTests(AzuriteFixture azurite) : IDisposable
{
    private readonly OemStub _oem = new();

    [Fact]
    public async Task KilledWhileDeliveriesInFlight_RestartedHubFinishesEveryClaimUnderTheSameKeys()
    {
        var settings = HubSettings.Defaults(azurite.ConnectionString, "k" + Guid.NewGuid().ToString("N")[..10], _oem.ClaimsUrl, _oem.RdrUrl);
        var numbers = Enumerable.Range(0, 6).Select(_ => "WC-CRASH-" + TestDocuments.Next()).ToList();
        foreach (var number in numbers)
        {
            // The first attempt is still waiting on the OEM when the hub dies; the OEM applies it anyway.
            _oem.Script(number, r => r.WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(2)), r => r.WithStatusCode(200));
        }

        var trackingIds = new List<string>();
        var first = await HubProcess.StartAsync(settings);
        var dealer = await first.CreateDealerAsync();
        using (var client = first.Client(dealer.ApiKey))
        {
            foreach (var number in numbers)
            {
                var vin = TestDocuments.NewVin();
                Assert.Equal(HttpStatusCode.Accepted, (await client.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin))).StatusCode);
                using var response = await client.PostJsonAsync("/api/v1/warranty-claims", TestDocuments.Claim(vin, number: number));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                trackingIds.Add((await response.ReadJsonAsync())["trackingId"]!.GetValue<string>());
            }
        }

        // Kill once the OEM has every claim: each delivery (claimed at birth by the process that took the claim) is
        // then waiting on the slow OEM, its attempt counted and its lease held by a process about to die.
        foreach (var number in numbers)
        {
            await Eventually.GetAsync(() => Task.FromResult(_oem.RequestsFor(number)), r => r.Count >= 1, what: "first attempt in flight before the kill");
        }

        await first.KillAsync();

        await using var second = await HubProcess.StartAsync(settings);
        using var after = second.Client(dealer.ApiKey);
        foreach (var (trackingId, number) in trackingIds.Zip(numbers))
        {
            var claim = await Eventually.GetAsync(() => after.GetJsonAsync("/api/v1/warranty-claims/" + trackingId),
                c => c["deliveries"]?.AsArray().SingleOrDefault()?["status"]?.GetValue<string>() == "Delivered", TimeSpan.FromSeconds(45), "delivered after restart");

            Assert.Single(claim["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Delivered");
            var requests = await Eventually.GetAsync(() => Task.FromResult(_oem.RequestsFor(number)), r => r.Count >= 1, what: "OEM saw the claim");
            Assert.Single(requests.Select(r => r.IdempotencyKey).Distinct());
        }

        Assert.Equal(numbers.Count, numbers.SelectMany(n => _oem.RequestsFor(n)).Select(r => r.IdempotencyKey).Distinct().Count());
        Assert.Contains(numbers, n => _oem.RequestsFor(n).Count >= 2);
    }

    public void Dispose() => _oem.Dispose();
}
