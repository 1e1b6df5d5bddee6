using Dms.Hub.Validation;
using Dms.Hub.VehicleOrders;

namespace Dms.Hub.Tests.VehicleOrders;

/// <summary>What each order type needs, priorities by type, the requested window and the allocation period.</summary>
public sealed class OrderTermsRuleTests
{
    [Fact]
    public async Task Check_SoldWithoutCustomerReference_Required()
    {
        var errors = await Orders.CheckAsync(Orders.Suv() with { OrderType = "Sold", Priority = 5 });

        Assert.Equal([("/customerReference", ErrorCodes.CustomerReferenceRequired)], errors.Select(e => (e.Path, e.Code)));
    }

    [Fact]
    public async Task Check_FleetWithoutAccount_Required()
    {
        var errors = await Orders.CheckAsync(Orders.Suv() with { OrderType = "Fleet", Priority = 10 });

        Assert.Equal([("/fleetAccount", ErrorCodes.FleetAccountRequired)], errors.Select(e => (e.Path, e.Code)));
    }

    [Theory]
    [InlineData("Stock", 19, true)]
    [InlineData("Stock", 20, false)]
    [InlineData("Stock", 80, false)]
    [InlineData("Demo", 81, true)]
    [InlineData("Sold", 19, false)]
    [InlineData("Sold", 40, true)]
    public async Task Check_PriorityOutsideItsTypesRange_Refused(string orderType, int priority, bool refused)
    {
        var order = Orders.Suv() with { OrderType = orderType, Priority = priority, CustomerReference = "DEAL-1" };

        var errors = await Orders.CheckAsync(order);

        Assert.Equal(refused, errors.Any(e => e.Path == "/priority" && e.Code == ErrorCodes.PriorityOutOfRange));
    }

    [Fact]
    public async Task Check_WindowStartingToday_InPast_WindowReversed_InvalidRange()
    {
        var today = Orders.Suv() with { RequestedDelivery = new DeliveryWindow(Contexts.Today, Contexts.Today.AddDays(5)) };
        var reversed = Orders.Suv() with { RequestedDelivery = new DeliveryWindow(Contexts.Today.AddDays(9), Contexts.Today.AddDays(3)) };

        Assert.Equal([("/requestedDelivery/earliest", ErrorCodes.DeliveryWindowInPast)], (await Orders.CheckAsync(today)).Select(e => (e.Path, e.Code)));
        Assert.Equal([("/requestedDelivery/latest", ErrorCodes.InvalidDateRange)], (await Orders.CheckAsync(reversed)).Select(e => (e.Path, e.Code)));
    }

    [Theory]
    [InlineData("2026-10", true)]
    [InlineData("2026-11", false)]
    [InlineData("2027-02", false)]
    public async Task Check_AllocationPeriodThatHasPassed_Closed(string period, bool closed)
    {
        var errors = await Orders.CheckAsync(Orders.Suv() with { AllocationPeriod = period });

        Assert.Equal(closed, errors.Any(e => e.Path == "/allocationPeriod" && e.Code == ErrorCodes.AllocationPeriodClosed));
    }
}
