using Dms.Hub.Registry;
using Dms.Hub.VehicleOrders;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.Tests.VehicleOrders;

public sealed class VehicleOrderLifecycleTests
{
    private static readonly StateMachine Machine = VehicleOrderLifecycle.Machine;

    [Theory]
    [InlineData(Submitted, "Acknowledged", Acknowledged, null)]
    [InlineData(Acknowledged, "Accepted", Accepted, null)]
    [InlineData(Submitted, "Accepted", Accepted, null)]
    [InlineData(Accepted, "Scheduled", Scheduled, null)]
    [InlineData(Scheduled, "Locked", Locked, null)]
    [InlineData(Locked, "InProduction", InProduction, null)]
    [InlineData(InProduction, "Produced", Produced, null)]
    [InlineData(Accepted, "Produced", Produced, null)]
    [InlineData(Produced, "Invoiced", Invoiced, null)]
    [InlineData(Invoiced, "InTransit", InTransit, null)]
    [InlineData(InTransit, "AtDealer", AtDealer, null)]
    [InlineData(AtDealer, "Retail", Retailed, null)]
    [InlineData(InTransit, "Retail", Retailed, null)]
    [InlineData(Retailed, "Unwind", AtDealer, null)]
    [InlineData(Submitted, "Rejected", Rejected, null)]
    [InlineData(Acknowledged, "Rejected", Rejected, null)]
    [InlineData(Submitted, Triggers.DeliveryRejected, Rejected, null)]
    [InlineData(Rejected, "Resubmit", Submitted, VehicleOrderLifecycle.ResubmittedMessage)]
    [InlineData(Rejected, "Cancel", Cancelled, null)]
    [InlineData(Submitted, "Cancel", Cancelled, VehicleOrderLifecycle.CancelledMessage)]
    [InlineData(Acknowledged, "Cancel", Cancelled, VehicleOrderLifecycle.CancelledMessage)]
    [InlineData(Accepted, "RequestCancel", CancelRequested, VehicleOrderLifecycle.CancelRequestedMessage)]
    [InlineData(Locked, "RequestCancel", CancelRequested, VehicleOrderLifecycle.CancelRequestedMessage)]
    [InlineData(Produced, "RequestCancel", CancelRequested, VehicleOrderLifecycle.CancelRequestedMessage)]
    [InlineData(CancelRequested, "Cancelled", Cancelled, null)]
    [InlineData(CancelRequested, "CancelRefused", CancelRefused, null)]
    [InlineData(CancelRefused, "Invoiced", Invoiced, null)]
    [InlineData(CancelRefused, "Retail", Retailed, null)]
    [InlineData(InProduction, "Cancelled", Cancelled, null)]
    [InlineData(Submitted, "Amend", Submitted, VehicleOrderLifecycle.AmendedMessage)]
    [InlineData(Scheduled, "Amend", Scheduled, VehicleOrderLifecycle.AmendedMessage)]
    public void TryFire_LegalTransition_ReachesTargetWithItsMessage(string from, string trigger, string to, string? outbound)
    {
        Assert.True(Machine.TryFire(from, trigger, out var transition));
        Assert.Equal((to, outbound), (transition.To, transition.Outbound));
    }

    [Theory]
    [InlineData(Produced, "Scheduled")]
    [InlineData(AtDealer, "InTransit")]
    [InlineData(Locked, "Amend")]
    [InlineData(InProduction, "Amend")]
    [InlineData(Accepted, "Cancel")]
    [InlineData(Invoiced, "RequestCancel")]
    [InlineData(InTransit, "RequestCancel")]
    [InlineData(Invoiced, "Cancelled")]
    [InlineData(Accepted, "Rejected")]
    [InlineData(Scheduled, "Retail")]
    [InlineData(AtDealer, "Unwind")]
    [InlineData(Retailed, "AtDealer")]
    [InlineData(Cancelled, "Accepted")]
    [InlineData(Cancelled, "Resubmit")]
    [InlineData(CancelRefused, "Scheduled")]
    [InlineData(Submitted, "CancelRefused")]
    public void TryFire_IllegalTransition_Refused(string from, string trigger) =>
        Assert.False(Machine.TryFire(from, trigger, out _));

    [Fact]
    public void Transitions_OemStageEvents_OnlyEverMoveForward()
    {
        foreach (var edge in Machine.Transitions.Where(t => Rank(t.Trigger) >= 0))
        {
            Assert.True(Rank(edge.To) > Rank(edge.From) || edge.From == CancelRefused, $"{edge.From} --{edge.Trigger}--> {edge.To}");
        }
    }

    [Fact]
    public void States_EveryStateReachableFromSubmitted_CancelledIsTerminal()
    {
        var reached = new HashSet<string> { Machine.Initial };
        var frontier = new Queue<string>(reached);
        while (frontier.TryDequeue(out var state))
        {
            foreach (var edge in Machine.Transitions.Where(t => t.From == state && reached.Add(t.To)))
            {
                frontier.Enqueue(edge.To);
            }
        }

        Assert.Equal(Machine.States.Order(), reached.Order());
        Assert.Empty(Machine.TriggersFrom(Cancelled));
    }
}
