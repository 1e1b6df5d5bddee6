using Dms.Hub.PartsOrders.Lines;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>
/// The OEM resolves a receipt discrepancy: Credit settles the units as credited; Reship accepts them again (the depot
/// ships them anew, so a received order goes back to PartiallyShipped); an over-shipment is only Closed.
/// </summary>
internal static class DiscrepancyPlanner
{
    public const string Credit = "Credit";
    public const string Reship = "Reship";
    public const string Closed = "Closed";

    public static StateChange Plan(OrderState current, ResolutionBody resolution, DateTimeOffset now)
    {
        if (current.Discrepancies.Find(d => d.DiscrepancyId == resolution.DiscrepancyId) is not { } known)
        {
            return StateChange.Fail("/resolution/discrepancyId", PartsErrorCodes.UnknownDiscrepancy, $"The order has no discrepancy {resolution.DiscrepancyId}.");
        }

        if (known.Resolution is { } earlier)
        {
            return earlier.Outcome == resolution.Outcome
                ? StateChange.Repeat("DuplicateEvent")
                : StateChange.Fail("/resolution/outcome", PartsErrorCodes.ResolutionNotAllowed, $"{known.DiscrepancyId} was already resolved ({earlier.Outcome}).");
        }

        var over = known.Kind == ReceiptPlanner.Over;
        if (over != (resolution.Outcome == Closed))
        {
            return StateChange.Fail("/resolution/outcome", PartsErrorCodes.ResolutionNotAllowed,
                over ? "An over-shipment is settled with Closed." : $"A {known.Kind} discrepancy is resolved with Credit or Reship.");
        }

        var state = current.Copy();
        var discrepancy = state.Discrepancies.Find(d => d.DiscrepancyId == resolution.DiscrepancyId)!;
        var line = state.Line(discrepancy.LineNumber)!;
        if (!over)
        {
            line.Discrepant -= discrepancy.Quantity;
            if (resolution.Outcome == Credit)
            {
                line.Credited += discrepancy.Quantity;
            }
            else
            {
                line.Allocations.Add(new Allocation { Status = AllocationStatus.Accepted, Quantity = discrepancy.Quantity, PromisedShipDate = resolution.PromisedShipDate });
            }
        }

        discrepancy.Status = Discrepancy.Resolved;
        discrepancy.Resolution = new DiscrepancyResolution(resolution.Outcome, resolution.CreditMemo, resolution.PromisedShipDate, resolution.Note, now);
        return line.Balances ? StateChange.To(state) : throw new InvalidOperationException($"Line {line.LineNumber} no longer balances after a resolution.");
    }
}
