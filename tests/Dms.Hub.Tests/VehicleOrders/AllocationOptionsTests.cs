using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.VehicleOrders;

namespace Dms.Hub.Tests.VehicleOrders;

/// <summary>Which orders draw on an allocation: per dealer, model and period; configurable; off for OEMs without one.</summary>
public sealed class AllocationOptionsTests
{
    [Fact]
    public async Task Check_AllocatedModel_NeedsOneUnitOfTheDealersPoolForThePeriod()
    {
        var unit = Assert.Single(await ReservationsAsync(Orders.DemoPolicy()));

        Assert.Equal(("alloc|D001|AUR-SUV|2026-11", 8, "/allocationPeriod", "ALLOCATION_EXCEEDED"), (unit.Scope, unit.Capacity, unit.ErrorPath, unit.ErrorCode));
    }

    [Fact]
    public async Task Check_DealerWithItsOwnNumber_ThatNumber()
    {
        var policy = Orders.DemoPolicy();
        policy.Allocation.Dealers["D001"] = new() { ["AUR-SUV"] = 2 };

        Assert.Equal(2, Assert.Single(await ReservationsAsync(policy)).Capacity);
    }

    [Fact]
    public async Task Check_AllocationOffOrModelNotAllocated_NoUnitNeeded()
    {
        var off = Orders.DemoPolicy();
        off.Allocation.Enabled = false;
        var unlisted = Orders.DemoPolicy();
        unlisted.Allocation.UnitsPerPeriod.Remove("AUR-SUV");

        Assert.Empty(await ReservationsAsync(off));
        Assert.Empty(await ReservationsAsync(unlisted));
    }

    [Fact]
    public void ReservationsHeld_UnitAndOnceProducedTheVinLink_GivenBackTogether()
    {
        var type = Orders.Type();
        var order = Orders.Stored(VehicleOrderStates.Produced);
        order.Oem["vin"] = "1HGCM82633A004352";

        var held = type.ReservationsHeld(order);

        Assert.Equal(["alloc|D001|AUR-SUV|2026-11", "vin|1HGCM82633A004352"], held.Select(r => r.Scope));
        Assert.Equal(order.TrackingId, held[1].Data!["trackingId"]);
    }

    private static async Task<IReadOnlyList<Hub.Registry.Reservation>> ReservationsAsync(VehicleOrderOptions policy)
    {
        var type = Orders.Type(policy);
        var canonical = type.Canonicalize(JsonSerializer.SerializeToNode(Orders.Suv(), HubJson.Options)!)!;
        return (await type.CheckAsync(canonical, Contexts.Rule(), CancellationToken.None)).Reservations;
    }
}
