using Dms.Hub.Registry;
using Dms.Hub.WarrantyClaims;
using static Dms.Hub.WarrantyClaims.WarrantyClaimStates;

namespace Dms.Hub.Tests.WarrantyClaims;

public sealed class WarrantyClaimLifecycleTests
{
    private static readonly StateMachine Machine = WarrantyClaimLifecycle.Machine;

    [Theory]
    [InlineData(Submitted, "Accepted", Accepted)]
    [InlineData(Submitted, Triggers.DeliveryRejected, Rejected)]
    [InlineData(Accepted, "PendingInformation", PendingInformation)]
    [InlineData(PendingInformation, "Resubmit", Submitted)]
    [InlineData(PendingInformation, "Accepted", UnderReview)]
    [InlineData(UnderReview, "PartiallyApproved", PartiallyApproved)]
    [InlineData(Accepted, "Approved", Approved)]
    [InlineData(Approved, "Paid", Paid)]
    [InlineData(Paid, "ChargedBack", ChargedBack)]
    [InlineData(ChargedBack, "Appeal", Appealed)]
    [InlineData(Accepted, "Denied", Denied)]
    [InlineData(Denied, "Appeal", Appealed)]
    [InlineData(Appealed, "Accepted", UnderReview)]
    [InlineData(Rejected, "Resubmit", Submitted)]
    [InlineData(Submitted, "Cancel", Cancelled)]
    public void TryFire_LegalTransition_ReachesTarget(string from, string trigger, string to)
    {
        Assert.True(Machine.TryFire(from, trigger, out var transition));
        Assert.Equal(to, transition.To);
    }

    [Theory]
    [InlineData(Submitted, "Paid")]
    [InlineData(Submitted, "Approved")]
    [InlineData(Approved, "Cancel")]
    [InlineData(Approved, "Appeal")]
    [InlineData(Paid, "Approved")]
    [InlineData(Cancelled, "Accepted")]
    [InlineData(Cancelled, "Resubmit")]
    [InlineData(Denied, "Resubmit")]
    [InlineData(Accepted, "Resubmit")]
    public void TryFire_IllegalTransition_Refused(string from, string trigger)
    {
        Assert.False(Machine.TryFire(from, trigger, out _));
    }

    [Theory]
    [InlineData("Cancel", WarrantyClaimLifecycle.CancelledMessage)]
    [InlineData("Resubmit", WarrantyClaimLifecycle.ResubmittedMessage)]
    [InlineData("Appeal", WarrantyClaimLifecycle.AppealedMessage)]
    public void Transitions_DealerCommandsToTheOem_CarryAnOutboundMessage(string trigger, string message)
    {
        var edges = Machine.Transitions.Where(t => t.Trigger == trigger && t.From != Rejected).ToList();

        Assert.NotEmpty(edges);
        Assert.All(edges, t => Assert.Equal(message, t.Outbound));
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
