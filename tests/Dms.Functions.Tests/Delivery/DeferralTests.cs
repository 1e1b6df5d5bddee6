namespace Dms.Functions.Tests.Delivery;

/// <summary>
/// An open circuit is a wait, not an attempt: while the hub spares a failing OEM, queued deliveries keep their retry
/// budget, so an outage longer than the retries would last is ridden out instead of dead-lettered.
/// </summary>
public sealed class DeferralTests(DeferralTests.Fixture fixture) : IClassFixture<DeferralTests.Fixture>
{
    [Fact]
    public async Task CircuitOpenLongerThanTheRetries_DeliveryWaitsWithoutAttempts_ThenDelivered()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub);
        var number = "WC-OPEN-" + TestDocuments.Next();
        // Two failures open the circuit for 4 s. Four attempts with 50–400 ms backoff would all fall inside that
        // break: counted as attempts, they would dead-letter the claim before the OEM is tried again.
        fixture.Oem.Script(number, r => r.WithStatusCode(503), r => r.WithStatusCode(503), r => r.WithStatusCode(201).WithBodyAsJson(new { oemReference = "OEM-AFTER-BREAK" }));

        var (trackingId, _) = await dealer.SubmitValidClaimAsync(number);
        var claim = await dealer.WaitForDeliveryAsync(trackingId);

        var requests = fixture.Oem.RequestsFor(number);
        Assert.Equal(3, requests.Count);
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromSeconds(3.5), $"the trial came {(requests[2].At - requests[1].At).TotalSeconds:F1} s after the break began");
        Assert.Equal(3, claim["deliveries"]![0]!["attempts"]!.GetValue<int>());
        Assert.Equal(2, claim["timeline"]!.AsArray().Count(e => e!["event"]!.GetValue<string>() == "DeliveryAttemptFailed"));
        Assert.Equal("OEM-AFTER-BREAK", claim["oemReference"]!.GetValue<string>());
    }

    /// <summary>A breaker that opens after two failures for four seconds.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings)
        {
            settings["Dms:Routing:Destinations:oem:BreakMinimumThroughput"] = "2";
            settings["Dms:Routing:Destinations:oem:BreakFailureRatio"] = "0.5";
            settings["Dms:Routing:Destinations:oem:BreakSeconds"] = "4";
            settings["Dms:Routing:Destinations:oem:Retry:BaseDelayMilliseconds"] = "100";
            settings["Dms:Routing:Destinations:oem:Retry:MaxDelaySeconds"] = "1";
            settings["Dms:Work:LeaseSeconds"] = "10";
        }
    }
}
