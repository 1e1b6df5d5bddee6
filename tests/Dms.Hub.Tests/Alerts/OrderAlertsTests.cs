using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Routing;
using Dms.Hub.Storage;
using Dms.Hub.Tests.VehicleOrders;
using Dms.Hub.VehicleOrders;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.Tests.Alerts;

/// <summary>
/// The order alert rules (7 days not scheduled, ETA slip over 7 days, hold over 5 days in the demo policy) and the
/// durable timers a commit sets for them, on a fake clock.
/// </summary>
public sealed class OrderAlertsTests
{
    private readonly FakeTimeProvider _clock = new(Contexts.Now);
    private readonly VehicleOrderType _type;
    private readonly DocumentDerivations _derivations;

    public OrderAlertsTests()
    {
        _type = Orders.Type(clock: _clock);
        var services = new ServiceCollection().AddSingleton(new DocumentTypeRegistry([_type])).BuildServiceProvider();
        _derivations = new DocumentDerivations(services, new DocumentWorkflow(_clock, new Router(new TestOptions<RoutingOptions>(new RoutingOptions())), services));
    }

    [Fact]
    public void NotScheduled_DueSevenDaysAfterAcceptance_EndsWhenScheduled()
    {
        var order = Orders.Stored(Submitted).Moved(Accepted, Contexts.Now);

        var due = Rule("ORDER_NOT_SCHEDULED").Evaluate(order);
        order.Moved(Scheduled, Contexts.Now.AddDays(8));

        Assert.Equal(Contexts.Now.AddDays(7), due!.DueAt);
        Assert.Null(Rule("ORDER_NOT_SCHEDULED").Evaluate(order));
    }

    [Theory]
    [InlineData("2026-12-11", false)]
    [InlineData("2026-12-12", true)]
    public void EtaSlipped_OnlyBeyondTheThreshold_AndNotOnceAtTheDealer(string latest, bool breached)
    {
        var order = Orders.Stored(InTransit);
        order.Oem["firstEta"] = new JsonObject { ["latest"] = "2026-12-04" };
        order.Oem["eta"] = new JsonObject { ["latest"] = latest, ["receivedAt"] = Contexts.Now };

        Assert.Equal(breached, Rule("ETA_SLIPPED").Evaluate(order) is { } c && c.DueAt == Contexts.Now);
        Assert.Null(Rule("ETA_SLIPPED").Evaluate(order.Moved(AtDealer)));
    }

    [Fact]
    public void HoldTooLong_DueFiveDaysAfterTheHoldWasSet_EndsWhenReleased()
    {
        var order = Orders.Stored(InProduction);
        Overlays.Set(order, VehicleOrderEvents.HoldOverlay, "Material", "3500", Contexts.Now.AddDays(-1));

        Assert.Equal(Contexts.Now.AddDays(4), Rule("HOLD_TOO_LONG").Evaluate(order)!.DueAt);
        Overlays.Release(order, VehicleOrderEvents.HoldOverlay, Contexts.Now);
        Assert.Null(Rule("HOLD_TOO_LONG").Evaluate(order));
    }

    [Fact]
    public void Prepare_ConditionStarts_OneTimerAtItsDeadline_UnchangedConditionNoSecond_EndedBeforeItNoClearingTimer()
    {
        var order = Orders.Stored(Submitted).Moved(Accepted, Contexts.Now);

        var accepted = Commit(order);
        _clock.Advance(TimeSpan.FromHours(1));
        var unchanged = Commit(order);
        order.Moved(Scheduled, _clock.GetUtcNow());
        var scheduled = Commit(order);

        var timer = Assert.Single(accepted);
        Assert.Equal((WorkKinds.Timer, "ORDER_NOT_SCHEDULED", Contexts.Now.AddDays(7)), (timer.Kind, timer.Arg("rule"), timer.DueAt));
        Assert.Empty(unchanged);
        Assert.Empty(scheduled);
        Assert.Empty(order.Timers);
    }

    [Fact]
    public void Prepare_ConditionEndsAfterItsDeadline_ClearsAtOnce()
    {
        var order = Orders.Stored(Submitted).Moved(Accepted, Contexts.Now);
        Commit(order);
        _clock.Advance(TimeSpan.FromDays(8));
        var unchanged = Commit(order);

        order.Moved(Scheduled, _clock.GetUtcNow());
        var scheduled = Commit(order);

        Assert.Empty(unchanged);
        var clear = Assert.Single(scheduled);
        Assert.Equal(("ORDER_NOT_SCHEDULED", _clock.GetUtcNow()), (clear.Arg("rule"), clear.DueAt));
        Assert.Empty(order.Timers);
    }

    [Fact]
    public void Prepare_SummaryFields_StoredWithTheDocument()
    {
        var order = Orders.Stored(InTransit);
        order.Oem["eta"] = new JsonObject { ["latest"] = "2026-12-12" };
        Overlays.Set(order, VehicleOrderEvents.HoldOverlay, "Carrier", "4300", Contexts.Now);

        Commit(order);

        Assert.Equal(
            new Dictionary<string, string> { ["model"] = "AUR-SUV", ["orderType"] = "Stock", ["onHold"] = "true", ["eta"] = "2026-12-12" },
            order.Fields);
    }

    private Hub.Alerts.AlertRule Rule(string code) => _type.AlertRules.Single(r => r.Code == code);

    private List<WorkItem> Commit(DocumentRecord order)
    {
        var changes = new ChangeSet(order.DealerCode) { Document = order };
        _derivations.Prepare(changes);
        return changes.NewWork;
    }
}
