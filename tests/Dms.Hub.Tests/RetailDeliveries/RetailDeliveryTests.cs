using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.RetailDeliveries.Rules;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Tests.RetailDeliveries;

public sealed class RetailDeliveryTests
{
    private static readonly TestOptions<RetailDeliveryOptions> Policy = new(new RetailDeliveryOptions { UnwindApprovalDays = 90 });

    [Fact]
    public async Task DeliveryDatesRule_DeliveryTomorrow_DeliveryDateInFuture()
    {
        var errors = await Check(new DeliveryDatesRule(), Report(Contexts.Today.AddDays(1)));

        Assert.Contains(errors, e => e is { Path: "/deliveryDate", Code: ErrorCodes.DeliveryDateInFuture });
    }

    [Fact]
    public async Task DeliveryDatesRule_SoldAfterDelivery_SaleAfterDelivery()
    {
        var report = Report(Contexts.Today.AddDays(-3)) with { SaleDate = Contexts.Today.AddDays(-1) };

        Assert.Equal([("/saleDate", ErrorCodes.SaleAfterDelivery)], (await Check(new DeliveryDatesRule(), report)).Select(e => (e.Path, e.Code)));
    }

    [Fact]
    public async Task VinCheckDigitRule_BadCheckDigit_InvalidVin()
    {
        var report = Report(Contexts.Today) with { Vin = "1HGCM82643A004352" };

        Assert.Contains(await Check(new VinCheckDigitRule<RetailDeliveryReport>(r => r.Vin, () => true), report), e => e.Code == ErrorCodes.InvalidVin);
    }

    [Theory]
    [InlineData(0, null, ErrorCodes.UnwindSameDay)]
    [InlineData(1, "Unwind", null)]
    [InlineData(90, "Unwind", null)]
    [InlineData(91, "RequestUnwind", null)]
    public async Task Unwind_ByAgeOfTheDelivery_SameDayRefusedOldNeedsApproval(int daysAgo, string? trigger, string? error)
    {
        var type = new RetailDeliveryType([], Policy);
        var document = Stored(Report(Contexts.Today.AddDays(-daysAgo)));

        var plan = await type.Commands.Single(c => c.Name == "unwind").PlanAsync(document, new JsonObject { ["reason"] = "FINANCING_DECLINED" }, Contexts.Rule(), CancellationToken.None);

        Assert.Equal(error, plan.Errors.SingleOrDefault()?.Code);
        if (trigger is not null)
        {
            Assert.Equal(trigger, plan.Trigger);
            Assert.Equal("FINANCING_DECLINED", plan.Details!["reason"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("Accepted", "Unwind", "Unwound")]
    [InlineData("Accepted", "RequestUnwind", "UnwindPending")]
    [InlineData("UnwindPending", "UnwindApproved", "Unwound")]
    [InlineData("UnwindPending", "UnwindRejected", "UnwindRejected")]
    [InlineData("Accepted", Triggers.DeliveryRejected, "Rejected")]
    public void Lifecycle_LegalTransitions(string from, string trigger, string to)
    {
        Assert.True(RetailDeliveryLifecycle.Machine.TryFire(from, trigger, out var transition));
        Assert.Equal(to, transition.To);
    }

    [Theory]
    [InlineData("Unwound", "Unwind")]
    [InlineData("Accepted", "UnwindApproved")]
    [InlineData("UnwindRejected", "UnwindApproved")]
    public void Lifecycle_IllegalTransitions(string from, string trigger) =>
        Assert.False(RetailDeliveryLifecycle.Machine.TryFire(from, trigger, out _));

    [Fact]
    public void Reservations_VinRecordCarriesWarrantyStartAndOdometer()
    {
        var type = new RetailDeliveryType([], Policy);
        var report = Report(new DateOnly(2026, 11, 1)) with { DeliveryOdometer = new Distance(10, "mi") };

        var reservation = Assert.Single(type.ReservationsOf(System.Text.Json.JsonSerializer.SerializeToNode(report, HubJson.Options)!.AsObject()));

        Assert.Equal(("vin|1HGCM82633A004352", "retail", ErrorCodes.VinAlreadyRetailed), (reservation.Scope, reservation.Key, reservation.ErrorCode));
        Assert.Equal("2026-11-01", reservation.Data!["warrantyStart"]);
        Assert.Equal("16.1", reservation.Data["deliveryOdometerKm"]);
    }

    private static RetailDeliveryReport Report(DateOnly delivered) => new()
    {
        ReportNumber = "RDR-1",
        Vin = "1HGCM82633A004352",
        SaleDate = delivered,
        DeliveryDate = delivered,
        DeliveryOdometer = new Distance(12, "km"),
        SaleType = "Retail",
        Vehicle = new VehicleModel("AUR-SUV", 2026, null),
        Buyer = new Buyer("Person", "Li Wei", null, null, null),
    };

    private static DocumentRecord Stored(RetailDeliveryReport report) => new()
    {
        TrackingId = "D001-01K0000000000000000000000",
        DocumentType = RetailDeliveryType.TypeName,
        DealerCode = "D001",
        DocumentNumber = report.ReportNumber,
        Status = RetailDeliveryStates.Accepted,
        Body = System.Text.Json.JsonSerializer.SerializeToNode(report, HubJson.Options)!.AsObject(),
    };

    private static async Task<List<ValidationError>> Check(IRule<RetailDeliveryReport> rule, RetailDeliveryReport report)
    {
        var errors = new List<ValidationError>();
        await rule.CheckAsync(report, Contexts.Rule(), errors, CancellationToken.None);
        return errors;
    }
}
