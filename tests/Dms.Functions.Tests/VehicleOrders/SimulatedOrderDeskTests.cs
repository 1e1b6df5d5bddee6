using System.Net;
using Dms.Hub.Common;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>
/// The README walk-through against the OEM simulator's order system (a separate process, at demo speed scaled down):
/// an order is acknowledged, accepted, scheduled, locked, built, produced with a valid VIN, invoiced, shipped and
/// delivered without any test-posted event, and the RDR for that VIN turns it Retailed.
/// </summary>
public sealed class SimulatedOrderDeskTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly int _simulatorPort = ChildProcess.FreePort();
    private HubHost _hub = null!;
    private ChildProcess _simulator = null!;

    public async ValueTask InitializeAsync()
    {
        var simulator = $"http://127.0.0.1:{_simulatorPort}";
        var settings = HubSettings.Defaults(azurite.ConnectionString, "so" + Guid.NewGuid().ToString("N")[..10], simulator + "/warranty/claims", simulator + "/hq/retail-deliveries", simulator + "/orders");
        _hub = await HubHost.StartAsync(settings);
        _simulator = await ChildProcess.StartAsync("tests/Dms.OemSimulator",
        [
            $"--Simulator:HubUrl={_hub.BaseAddress}", $"--Simulator:HubKey={HubSettings.OemKey}", "--Simulator:InboundKey=oem-inbound-secret",
            "--Simulator:OrderStepMilliseconds=150", "--Logging:LogLevel:Default=Warning",
        ], "/health", _simulatorPort);
    }

    [Fact]
    public async Task Order_DrivenBySimulatedOemToAtDealerWithAValidVin_RdrForThatVinRetailsIt()
    {
        using var dealer = await DealerSession.StartAsync(_hub);
        // The simulator rejects about one order in ten (deterministically per tracking ID): three make a delivered one certain enough.
        var orders = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            orders.Add(await dealer.SubmitValidOrderAsync());
        }

        var settled = await Task.WhenAll(orders.Select(id => dealer.WaitForAsync(id, o => o.Status() is "AtDealer" or "Rejected", "order settled by the simulator", "vehicle-orders", TimeSpan.FromSeconds(60))));
        var delivered = settled.First(o => o.Status() == "AtDealer");
        var trackingId = delivered["trackingId"]!.GetValue<string>();
        var vin = delivered["oem"]!["vin"]!.GetValue<string>();
        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));
        var retailed = await dealer.WaitForAsync(trackingId, o => o.Status() == "Retailed", "order retailed by the RDR", "vehicle-orders");

        Assert.True(Vin.HasValidCheckDigit(vin), vin);
        Assert.Equal(HttpStatusCode.Accepted, rdr.StatusCode);
        var stages = delivered["timeline"]!.AsArray().Select(e => e!["to"]?.GetValue<string>()).ToList();
        Assert.Contains("Acknowledged", stages);
        Assert.Contains("Accepted", stages);
        Assert.Contains("Produced", stages);
        Assert.Contains("AtDealer", stages);
        Assert.NotNull(delivered["oem"]!["lastCode"]);
        Assert.Equal("Retail", retailed["timeline"]!.AsArray().Last()!["event"]!.GetValue<string>());
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        await _hub.DisposeAsync();
    }
}
