using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Dms.Hub.Work;

namespace Dms.Hub.Effects;

/// <summary>
/// A new document's reactions on another document about its VIN (an RDR retailing the vehicle order) are work items
/// that look the target up through the VIN index. When no target holds the VIN yet, the item would only read that and
/// complete: it is left out of the intake's commit instead (one read here instead of a read and a batch there).
/// </summary>
/// <remarks>
/// Why a target arriving later is not missed: the new document holds its VIN reservation (claimed before the read
/// below), and a target links the VIN before it can take the reaction; when it enters a status where it can, its
/// catch-up item (<see cref="Workflow.DocumentWorkflow.CatchUp"/>) lists the VIN's holders. If the target linked after
/// the read, the catch-up runs after that link, so it lists this document's reservation: either this document is
/// stored by then (its status is read and the trigger fired) or its intake is still under way — then the catch-up
/// waits and looks again (<see cref="VehicleRegistry.SourcesOfTypeAsync"/>), until the document is stored or its
/// reservation lapses (the intake failed). If the target linked before the read, the read finds it and the item stays.
/// </remarks>
public static class IntakeReactions
{
    public static async Task DropUnlinkedAsync(VehicleRegistry vehicles, ChangeSet changes, ReservationClaim claim, CancellationToken cancellationToken)
    {
        foreach (var item in changes.NewWork.Where(w => w.Kind == WorkKinds.Effect && w.Arg("targetType") is not null && w.Arg("vin") is not null).ToList())
        {
            var vin = item.Arg("vin")!;

            // Only a document whose VIN reservation is in place is found by a later target's catch-up.
            if (claim.Held.Any(e => e.Scope == VehicleRegistry.Scope(vin))
                && await vehicles.FindLinkAsync(vin, item.Arg("targetType")!, cancellationToken) is null)
            {
                changes.NewWork.Remove(item);
            }
        }
    }
}
