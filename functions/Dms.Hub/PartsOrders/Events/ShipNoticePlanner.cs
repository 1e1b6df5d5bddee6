using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>
/// Applies a ship notice: each of its lines ships units of one order line out of what the depot accepted (the ordered
/// part) or substituted (the substitute), or — for a tag-on — out of the line's backorder, which the shipment fills.
/// A line never ships more than that. The same shipment again is a duplicate; another with a used ID is refused.
/// </summary>
internal static class ShipNoticePlanner
{
    public static StateChange Plan(OrderState current, ShipNoticeBody notice, DateTimeOffset now)
    {
        var shipment = new Shipment
        {
            ShipmentId = notice.ShipmentId, Carrier = notice.Carrier, TrackingNumber = notice.TrackingNumber, ShipDate = notice.ShipDate,
            Eta = notice.Eta, Depot = notice.Depot, RecordedAt = now,
        };
        if (current.Shipments.Find(s => s.ShipmentId == notice.ShipmentId) is { } known)
        {
            return SameShipment(known, notice)
                ? StateChange.Repeat("DuplicateEvent")
                : StateChange.Fail("/shipNotice/shipmentId", PartsErrorCodes.ShipmentIdReused, $"Shipment {notice.ShipmentId} was already notified with other content.");
        }

        var state = current.Copy();
        var errors = new List<ValidationError>();
        var seen = new HashSet<int>();
        for (var i = 0; i < notice.Lines.Count; i++)
        {
            var path = $"/shipNotice/lines/{i}";
            var shipped = notice.Lines[i];
            if (state.Line(shipped.LineNumber) is not { } line || !seen.Add(shipped.LineNumber))
            {
                errors.Add(new($"{path}/lineNumber", seen.Contains(shipped.LineNumber) ? PartsErrorCodes.DuplicateShipmentLine : PartsErrorCodes.UnknownLine,
                    $"Line {shipped.LineNumber} is not on the order or is shipped twice in this shipment."));
                continue;
            }

            if (Ship(line, shipped, notice.Depot, path) is { } error)
            {
                errors.Add(error);
                continue;
            }

            shipment.Lines.Add(new ShipmentLine
            {
                LineNumber = line.LineNumber, PartNumber = shipped.PartNumber ?? line.PartNumber, Quantity = shipped.Quantity, TagOn = shipped.TagOn == true,
            });
        }

        if (errors.Count > 0)
        {
            return StateChange.Fail(errors);
        }

        state.Shipments.Add(shipment);
        return StateChange.To(state);
    }

    /// <summary>Moves the shipped units out of the allocations they come from; the error when there are not enough.</summary>
    private static ValidationError? Ship(LineState line, ShipNoticeLine shipped, string? depot, string path)
    {
        var part = shipped.PartNumber ?? line.PartNumber;
        var sources = line.Allocations
            .Where(a => shipped.TagOn == true
                ? a.Status == AllocationStatus.Backordered && part == line.PartNumber
                : (a.Status == AllocationStatus.Accepted && part == line.PartNumber) || (a.Status == AllocationStatus.Substituted && (a.PartNumber == part || shipped.PartNumber is null)))
            .OrderBy(a => depot is not null && a.Depot == depot ? 0 : 1)
            .ThenBy(a => a.PromisedShipDate ?? a.ExpectedShipDate ?? DateOnly.MaxValue)
            .ToList();
        var available = sources.Sum(a => a.Quantity);
        if (available < shipped.Quantity)
        {
            var code = part != line.PartNumber && !line.Allocations.Any(a => a.PartNumber == part) ? PartsErrorCodes.WrongPartShipped : PartsErrorCodes.ShipExceedsAccepted;
            var what = shipped.TagOn == true ? "backordered" : "accepted or substituted and not yet shipped";
            return new($"{path}/quantity", code, $"Line {line.LineNumber}: {shipped.Quantity} × {part} shipped but only {available} {what}.");
        }

        var remaining = shipped.Quantity;
        foreach (var source in sources)
        {
            var take = Math.Min(remaining, source.Quantity);
            source.Quantity -= take;
            remaining -= take;
            if (remaining == 0)
            {
                break;
            }
        }

        line.Allocations.RemoveAll(a => a.Quantity == 0);
        line.Shipped += shipped.Quantity;
        line.BackorderCancelRequested = Math.Min(line.BackorderCancelRequested, line.Backordered);
        return line.Balances ? null : throw new InvalidOperationException($"Line {line.LineNumber} no longer balances after a shipment.");
    }

    private static bool SameShipment(Shipment known, ShipNoticeBody notice) =>
        known.ShipDate == notice.ShipDate && known.Lines.Count == notice.Lines.Count
        && notice.Lines.All(l => known.Lines.Exists(k => k.LineNumber == l.LineNumber && k.Quantity == l.Quantity));
}
