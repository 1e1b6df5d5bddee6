using System.Text.Json.Nodes;
using Dms.Hub.Validation;
using Dms.Hub.VehicleOrders;
using Dms.Hub.Workflow;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.Tests.VehicleOrders;

/// <summary>OEM events on an order (scenario A7): never backwards, duplicates once, stale ETAs recorded not applied, holds as overlays.</summary>
public sealed class VehicleOrderEventsTests
{
    private const string Vin = "1HGCM82633A004352";
    private static readonly VehicleOrderType Type = Orders.Type();

    [Fact]
    public void Plan_ProducedOvertakesScheduled_TakenWithTheVinAndItsLink()
    {
        var order = Orders.Stored(Accepted);

        var plan = Type.PlanOemEvent(order, Event("Produced", new() { ["vin"] = Vin }));
        plan.Apply!(order);

        Assert.Equal(("Produced", null), (plan.Trigger, plan.RecordAs));
        Assert.True(Type.States.TryFire(Accepted, plan.Trigger, out _));
        Assert.Equal(Vin, order.Oem["vin"]!.GetValue<string>());
        Assert.Equal(("vin|" + Vin, "doc|vehicle-order"), (plan.Reservations.Single().Scope, plan.Reservations.Single().Key));
    }

    [Fact]
    public void Plan_LateScheduledAfterProduced_RecordedNotApplied_FillsOnlyWhatIsMissing()
    {
        var order = Orders.Stored(Produced);
        order.Oem["schedule"] = new JsonObject { ["plant"] = "Lansing" };

        var plan = Type.PlanOemEvent(order, Event("Scheduled", new() { ["buildWeek"] = "2026-W50", ["plant"] = "Flint" }));
        plan.Apply!(order);

        Assert.Equal(("OutOfOrderEvent", true), (plan.RecordAs, plan.Late));
        Assert.Equal("Lansing", order.Oem["schedule"]!["plant"]!.GetValue<string>());
        Assert.Equal("2026-W50", order.Oem["schedule"]!["buildWeek"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_SameStageAgain_DuplicateRecordedOnce_StatusKept()
    {
        var plan = Type.PlanOemEvent(Orders.Stored(InTransit), Event("InTransit"));

        Assert.Equal(("DuplicateEvent", true, string.Empty), (plan.RecordAs, plan.Late, plan.Trigger));
    }

    [Theory]
    [InlineData(null, null, ErrorCodes.MissingEventData)]
    [InlineData("1HGCM82643A004352", null, ErrorCodes.InvalidVin)]
    [InlineData(Vin, "2C4RV0ZH4TL2LF732", ErrorCodes.InvalidValue)]
    public void Plan_ProducedWithoutAValidVin_Refused(string? vin, string? held, string code)
    {
        var order = Orders.Stored(InProduction);
        if (held is not null)
        {
            order.Oem["vin"] = held;
        }

        var plan = Type.PlanOemEvent(order, Event("Produced", vin is null ? null : new() { ["vin"] = vin }));

        Assert.Equal(("/vin", code), (plan.Errors.Single().Path, plan.Errors.Single().Code));
    }

    [Fact]
    public void Plan_EtaUpdates_FirstPromiseKept_SlipMeasured_StaleOneRecordedNeverApplied()
    {
        var order = Orders.Stored(Scheduled);
        Apply(order, Event("EtaUpdated", new() { ["eta"] = Eta("2026-12-01", "2026-12-04", "2026-11-20T08:00:00Z") }));
        var newer = Type.PlanOemEvent(order, Event("EtaUpdated", new() { ["eta"] = Eta("2026-12-08", "2026-12-12", "2026-11-22T08:00:00Z") }));
        newer.Apply!(order);

        var stale = Type.PlanOemEvent(order, Event("EtaUpdated", new() { ["eta"] = Eta("2026-11-28", "2026-11-30", "2026-11-21T08:00:00Z") }));
        var same = Type.PlanOemEvent(order, Event("EtaUpdated", new() { ["eta"] = Eta("2026-12-08", "2026-12-12", "2026-11-22T08:00:00Z") }));

        Assert.Equal(("EtaUpdated", true), (newer.RecordAs, newer.NotifyDealer));
        Assert.Equal(("StaleEta", true, null), (stale.RecordAs, stale.Late, stale.Apply));
        Assert.Equal("DuplicateEvent", same.RecordAs);
        Assert.Equal("2026-12-12", order.Oem["eta"]!["latest"]!.GetValue<string>());
        Assert.Equal("2026-12-04", order.Oem["firstEta"]!["latest"]!.GetValue<string>());
        Assert.Equal(8, order.Oem["etaSlipDays"]!.GetValue<int>());
    }

    [Fact]
    public void Plan_StageEventWithAStaleEta_StageTakenEtaKept()
    {
        var order = Orders.Stored(Invoiced);
        Apply(order, Event("EtaUpdated", new() { ["eta"] = Eta("2026-12-08", "2026-12-12", "2026-11-22T08:00:00Z") }));
        var shipped = Event("InTransit", new() { ["carrier"] = "Cassens", ["eta"] = Eta("2026-12-01", "2026-12-02", "2026-11-19T08:00:00Z") });

        var plan = Type.PlanOemEvent(order, shipped);
        plan.Apply!(order);

        Assert.Equal("InTransit", plan.Trigger);
        Assert.Equal(("2026-12-12", "Cassens"), (order.Oem["eta"]!["latest"]!.GetValue<string>(), order.Oem["carrier"]!.GetValue<string>()));
        Assert.NotNull(shipped["etaNotApplied"]);
    }

    [Fact]
    public void Plan_Holds_SetReleasedDuplicateAndStale_JudgedByTheOemsTime()
    {
        var order = Orders.Stored(InProduction);
        var hold = new JsonObject { ["reasonClass"] = "PlantQuality", ["reasonCode"] = "HQ" };
        Apply(order, Event("HoldSet", new() { ["hold"] = hold.DeepClone(), ["occurredAt"] = "2026-11-20T10:00:00Z" }));

        var duplicate = Type.PlanOemEvent(order, Event("HoldSet", new() { ["hold"] = hold.DeepClone(), ["occurredAt"] = "2026-11-20T11:00:00Z" }));
        var staleRelease = Type.PlanOemEvent(order, Event("HoldReleased", new() { ["occurredAt"] = "2026-11-20T09:00:00Z" }));
        var release = Type.PlanOemEvent(order, Event("HoldReleased", new() { ["occurredAt"] = "2026-11-21T09:00:00Z" }));
        var held = order.Overlays["hold"];
        release.Apply!(order);

        Assert.Equal((true, "PlantQuality", "HQ", new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero)), (held.Active, held.ReasonClass, held.ReasonCode, held.Since));
        Assert.Equal(("DuplicateEvent", "StaleEvent"), (duplicate.RecordAs, staleRelease.RecordAs));
        Assert.Equal(("HoldReleased", true), (release.RecordAs, release.NotifyDealer));
        Assert.False(order.Overlays["hold"].Active);
    }

    [Fact]
    public void Plan_HoldSetWithoutAReason_MissingEventData() =>
        Assert.Equal(ErrorCodes.MissingEventData, Type.PlanOemEvent(Orders.Stored(Locked), Event("HoldSet")).Errors.Single().Code);

    [Fact]
    public void Plan_ProgressWhileCancelRequested_RecordedAndCountsAsTheStageReached()
    {
        var order = Orders.Stored(Locked).Moved(CancelRequested);

        var plan = Type.PlanOemEvent(order, Event("Produced", new() { ["vin"] = Vin }));
        order.Timeline.Add(new TimelineEntry(9, Contexts.Now, plan.RecordAs!, null, null, "oem", "rest", null, Event("Produced")));
        var late = Type.PlanOemEvent(order, Event("InProduction"));

        Assert.Equal(VehicleOrderEvents.ProgressRecorded, plan.RecordAs);
        Assert.Equal(Produced, VehicleOrderEvents.StageOf(order));
        Assert.Equal("OutOfOrderEvent", late.RecordAs);
    }

    [Fact]
    public void Plan_OutcomesAgain_Duplicate_RejectedNeedsEditErrors()
    {
        Assert.Equal("DuplicateEvent", Type.PlanOemEvent(Orders.Stored(Cancelled), Event("Cancelled")).RecordAs);
        Assert.Equal(ErrorCodes.MissingEventData, Type.PlanOemEvent(Orders.Stored(Submitted), Event("Rejected")).Errors.Single().Code);
    }

    [Fact]
    public void Plan_EventsForACancelledOrder_HaveNoLegalTransition()
    {
        var cancelled = Orders.Stored(Cancelled);

        foreach (var type in new[] { "Produced", "HoldSet", "EtaUpdated" })
        {
            var plan = Type.PlanOemEvent(cancelled, Event(type, new() { ["vin"] = Vin }));
            Assert.Null(plan.RecordAs);
            Assert.False(Type.States.TryFire(Cancelled, plan.Trigger, out _));
        }
    }

    [Fact]
    public async Task Plan_ChangeRefused_RestoresTheEarlierContentAsANewVersion()
    {
        var order = Orders.Stored(Accepted);
        var amend = Type.Commands.Single(c => c.Name == "amendments");
        var command = await amend.PlanAsync(order, new JsonObject { ["exteriorColor"] = "RED" }, Contexts.Rule(true), CancellationToken.None);
        var original = order.Body;
        order.ContentVersion = 2;
        order.Body = command.Replacement!.Body;
        command.Apply!(order);

        var refused = Type.PlanOemEvent(order, Event("ChangeRefused", new() { ["changeVersion"] = 2 }));
        refused.Apply!(order);

        Assert.Equal("RED", command.Replacement.Body["exteriorColor"]!.GetValue<string>());
        Assert.Equal(("ChangeRefused", 3), (refused.RecordAs, order.ContentVersion));
        Assert.Equal(original.ToJsonString(), order.Body.ToJsonString());
        Assert.False(order.Overlays["change"].Active);
        Assert.Equal("DuplicateEvent", Type.PlanOemEvent(order, Event("ChangeAccepted")).RecordAs);
    }

    private static JsonObject Event(string type, JsonObject? data = null)
    {
        var body = data ?? [];
        body["type"] = type;
        return body;
    }

    private static JsonObject Eta(string earliest, string latest, string setAt) => new() { ["earliest"] = earliest, ["latest"] = latest, ["setAt"] = setAt };

    private static void Apply(DocumentRecord order, JsonObject oemEvent) => Type.PlanOemEvent(order, oemEvent).Apply!(order);
}
