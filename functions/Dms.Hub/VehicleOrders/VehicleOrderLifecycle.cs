using Dms.Hub.Registry;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// Submitted → Acknowledged (echo) → Accepted (allocation used) | Rejected → Scheduled → Locked → InProduction →
/// Produced (VIN) → Invoiced → InTransit → AtDealer → Retailed (an accepted RDR for the VIN; its unwind returns the
/// order to AtDealer); Cancelled. OEM stage events may skip stages forward (Produced may overtake Scheduled), never
/// back. Before acceptance a cancel is immediate; after it a cancel is a request the OEM answers:
/// CancelRequested → Cancelled | CancelRefused (the order then goes on). Amendments before the lock keep the stage.
/// </summary>
public static class VehicleOrderLifecycle
{
    public const string SubmittedMessage = "VehicleOrderSubmitted";
    public const string ResubmittedMessage = "VehicleOrderResubmitted";
    public const string AmendedMessage = "VehicleOrderAmended";
    public const string CancelledMessage = "VehicleOrderCancelled";
    public const string CancelRequestedMessage = "VehicleOrderCancelRequested";

    /// <summary>Hub triggers fired by documents about the same vehicle (an RDR and its unwind).</summary>
    public const string Retail = "Retail";
    public const string Unwind = "Unwind";

    /// <summary>Stages at which the dealer may still amend, and cancel without asking.</summary>
    public static IReadOnlyList<string> Amendable { get; } = [Submitted, Acknowledged, Accepted, Scheduled];

    public static IReadOnlyList<string> CancellableWithoutAsking { get; } = [Submitted, Acknowledged];

    /// <summary>After acceptance and up to production the dealer may ask the OEM to cancel.</summary>
    public static IReadOnlyList<string> CancelRequestable { get; } = [Accepted, Scheduled, Locked, InProduction, Produced];

    public static StateMachine Machine { get; } = new(Submitted, Transitions());

    private static IEnumerable<Transition> Transitions()
    {
        var oemStages = Progression.Take(Rank(AtDealer) + 1).ToList();
        for (var from = 0; from < oemStages.Count; from++)
        {
            for (var to = from + 1; to < oemStages.Count; to++)
            {
                yield return new(oemStages[from], oemStages[to], oemStages[to]);
            }
        }

        foreach (var to in oemStages.Skip(Rank(Locked)))
        {
            yield return new(CancelRefused, to, to);
        }

        foreach (var stage in new[] { Submitted, Acknowledged })
        {
            yield return new(stage, "Rejected", Rejected);
            yield return new(stage, "Cancel", Cancelled, CancelledMessage);
        }

        yield return new(Submitted, Triggers.DeliveryRejected, Rejected);
        yield return new(Rejected, "Resubmit", Submitted, ResubmittedMessage);
        yield return new(Rejected, "Cancel", Cancelled);

        foreach (var stage in Amendable)
        {
            yield return new(stage, "Amend", stage, AmendedMessage);
        }

        foreach (var stage in CancelRequestable)
        {
            yield return new(stage, "RequestCancel", CancelRequested, CancelRequestedMessage);
        }

        // The OEM may cancel on its own before the vehicle is invoiced, and answers a cancel request.
        foreach (var stage in oemStages.Take(Rank(Produced) + 1).Append(CancelRequested).Append(CancelRefused))
        {
            yield return new(stage, "Cancelled", Cancelled);
        }

        yield return new(CancelRequested, "CancelRefused", CancelRefused);

        // An accepted RDR for the VIN retails the order, even if the OEM's AtDealer event is still on its way.
        foreach (var stage in new[] { Produced, Invoiced, InTransit, AtDealer, CancelRefused })
        {
            yield return new(stage, Retail, Retailed);
        }

        yield return new(Retailed, Unwind, AtDealer);
    }
}
