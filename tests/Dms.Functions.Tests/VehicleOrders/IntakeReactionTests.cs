using System.Net;
using Dms.Hub.Intake;
using Dms.Hub.Operations;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using static Dms.Functions.Tests.VehicleOrders.OrderRequests;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>
/// An RDR whose VIN no vehicle order holds yet takes no "retail the order" work item at intake (it looked and found
/// none); the order that links the VIN later finds the RDR by its catch-up — also when the RDR's intake is still
/// under way at that moment (the catch-up waits and looks again, a deferral, not an attempt).
/// </summary>
public sealed class IntakeReactionTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task RdrWithoutAnOrderForItsVin_TakesNoReactionWork_TheOrderBuiltLaterIsRetailedByItsCatchUp()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = TestDocuments.NewVin();
        var traffic = Hub.Service<StorageTraffic>();
        var (reactions, rollups) = (Runs(traffic, IsReaction), Runs(traffic, IsRollup));
        await dealer.RetailAsync(vin);

        // Its rollup effect, committed with it, has run; a reaction on the order would have been committed with it too.
        await Eventually.GetAsync(() => Task.FromResult(Runs(traffic, IsRollup)), r => r > rollups, TimeSpan.FromSeconds(30), "the RDR's rollup ran");
        Assert.Equal(reactions, Runs(traffic, IsReaction));

        var orderId = await dealer.SubmitValidOrderAsync();
        await dealer.MoveAsync(orderId, Event("Accepted"), Event("Produced", new() { ["vin"] = vin }));
        var retailed = await dealer.WaitForAsync(orderId, o => o.Status() == "Retailed", "order retailed by its catch-up", "vehicle-orders");
        Assert.Single(retailed["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Retail");
    }

    [Fact]
    public async Task OrderCatchUp_WhileAnRdrForItsVinIsBeingTakenIn_WaitsForIt_AndRetailsTheOrderOnce()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = TestDocuments.NewVin();
        var rdr = TestDocuments.Rdr(vin);
        var traffic = Hub.Service<StorageTraffic>();
        var deferredBefore = Deferred(traffic);

        // The RDR's intake is under way: its VIN reservation claimed, its document not stored yet (as between the
        // intake's look for an order and its commit).
        var holder = new ReservationHolder(dealer.Dealer.Code, "retail-delivery-report", rdr["reportNumber"]!.GetValue<string>());
        var retail = new Reservation(VehicleRegistry.Scope(vin), VehicleRegistry.RetailKey, "/vin", "VIN_ALREADY_RETAILED", "Retailed.", Data: new Dictionary<string, string>
        {
            [VehicleRegistry.WarrantyStartField] = TestDocuments.Date(TestDocuments.Today.AddDays(-1)), [VehicleRegistry.DeliveryOdometerKmField] = "10",
        });
        Assert.NotNull(await Hub.Service<IReservationStore>().TryAddAsync(retail.Scope, [retail], holder, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken));

        var orderId = await dealer.SubmitValidOrderAsync();
        await dealer.MoveAsync(orderId, Event("Accepted"), Event("Produced", new() { ["vin"] = vin }));

        // The order's catch-up found the RDR's reservation without its document: it waits rather than completing.
        await Eventually.GetAsync(() => Task.FromResult(Deferred(traffic)), d => d > deferredBefore, TimeSpan.FromSeconds(30), "the catch-up deferred");

        using var submitted = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", rdr);
        Assert.True(submitted.StatusCode == HttpStatusCode.Accepted, (await submitted.ReadJsonAsync()).ToJsonString());
        var retailed = await dealer.WaitForAsync(orderId, o => o.Status() == "Retailed", "order retailed", "vehicle-orders");
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        var after = await dealer.OrderAsync(orderId);

        Assert.Single(after["timeline"]!.AsArray(), e => e!["event"]!.GetValue<string>() == "Retail");
        Assert.Equal("Retailed", retailed.Status());
    }

    private static long Deferred(StorageTraffic traffic) =>
        traffic.Steps().Where(s => s.DocumentType == "vehicle-order" && s.Step == "effect:Deferred").Sum(s => s.Runs);

    private static bool IsReaction(StepTraffic s) => s.DocumentType == "retail-delivery-report" && s.Step.StartsWith("effect:", StringComparison.Ordinal) && !IsRollup(s);

    private static bool IsRollup(StepTraffic s) => s.DocumentType == "retail-delivery-report" && s.Step.StartsWith("effect:sales-rollup:", StringComparison.Ordinal);

    private static long Runs(StorageTraffic traffic, Func<StepTraffic, bool> which) => traffic.Steps().Where(which).Sum(s => s.Runs);
}
