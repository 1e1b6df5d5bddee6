using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>The dealer's receipt of one shipment (schemas/parts-order-receipt.v1.schema.json).</summary>
internal sealed record ReceiptBody(string ShipmentId, DateOnly ReceivedOn, IReadOnlyList<ReceiptLine>? Lines, string? Comment);

internal sealed record ReceiptLine(int LineNumber, int? Received, IReadOnlyList<ReceiptDiscrepancy>? Discrepancies);

internal sealed record ReceiptDiscrepancy(string Kind, int Quantity, string? PartNumberReceived, string? Note);

/// <summary>
/// Records a receipt: per shipped line, units received in good order and discrepancies (short, damaged and wrong-part
/// units were shipped but not received; over units are extra). Received + short + damaged + wrong = shipped. Each
/// discrepancy kind has its window in business days after the day received. Discrepancies are numbered on the order.
/// </summary>
internal sealed class ReceiptPlanner(ReceiptWindowOptions windows, BusinessDays calendar)
{
    public const string Short = "Short";
    public const string Over = "Over";
    public const string Damaged = "Damaged";
    public const string WrongPart = "WrongPart";

    public StateChange Plan(OrderState current, ReceiptBody receipt, DateTimeOffset now)
    {
        if (current.Shipments.Find(s => s.ShipmentId == receipt.ShipmentId) is not { } known)
        {
            return StateChange.Fail("/shipmentId", PartsErrorCodes.UnknownShipment, $"No ship notice for shipment {receipt.ShipmentId} on this order.");
        }

        if (known.ReceivedOn is not null)
        {
            return StateChange.Fail("/shipmentId", PartsErrorCodes.ReceiptAlreadyRecorded, $"The receipt of shipment {receipt.ShipmentId} was recorded on {known.ReceiptRecordedAt:yyyy-MM-dd}; resend with the same Idempotency-Key to get the original answer.");
        }

        var errors = new List<ValidationError>();
        if (receipt.ReceivedOn > calendar.DayOf(now))
        {
            errors.Add(new("/receivedOn", PartsErrorCodes.ReceivedInFuture, "The day received is in the future."));
        }
        else if (receipt.ReceivedOn < known.ShipDate)
        {
            errors.Add(new("/receivedOn", PartsErrorCodes.ReceivedBeforeShipped, $"The shipment left the depot on {known.ShipDate:yyyy-MM-dd}."));
        }

        var state = current.Copy();
        var shipment = state.Shipments.Find(s => s.ShipmentId == receipt.ShipmentId)!;
        var said = new Dictionary<int, (ReceiptLine Line, string Path)>();
        for (var i = 0; i < (receipt.Lines?.Count ?? 0); i++)
        {
            var line = receipt.Lines![i];
            if (shipment.Lines.All(l => l.LineNumber != line.LineNumber) || !said.TryAdd(line.LineNumber, (line, $"/lines/{i}")))
            {
                errors.Add(new($"/lines/{i}/lineNumber", PartsErrorCodes.UnknownShipmentLine, $"Line {line.LineNumber} is not in shipment {receipt.ShipmentId} or is named twice."));
            }
        }

        foreach (var shipped in shipment.Lines)
        {
            var (line, path) = said.TryGetValue(shipped.LineNumber, out var given) ? given : (new ReceiptLine(shipped.LineNumber, null, null), "/lines");
            errors.AddRange(Receive(state, shipment, shipped, line, path, receipt.ReceivedOn, now));
        }

        if (errors.Count > 0)
        {
            return StateChange.Fail(errors);
        }

        shipment.ReceivedOn = receipt.ReceivedOn;
        shipment.ReceiptRecordedAt = now;
        return StateChange.To(state);
    }

    private List<ValidationError> Receive(OrderState state, Shipment shipment, ShipmentLine shipped, ReceiptLine said, string path, DateOnly receivedOn, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var discrepancies = said.Discrepancies ?? [];
        for (var j = 0; j < discrepancies.Count; j++)
        {
            var d = discrepancies[j];
            var at = $"{path}/discrepancies/{j}";
            if (now > calendar.EndOfWindow(receivedOn, WindowDays(d.Kind)))
            {
                errors.Add(new(at, PartsErrorCodes.DiscrepancyWindowClosed, $"{d.Kind} must be reported within {WindowDays(d.Kind)} business days of the day received ({receivedOn:yyyy-MM-dd})."));
            }

            if (d.Kind == WrongPart && d.PartNumberReceived is null)
            {
                errors.Add(new(at + "/partNumberReceived", PartsErrorCodes.PartNumberReceivedRequired, "Name the part that arrived instead."));
            }
        }

        var missing = discrepancies.Where(d => d.Kind != Over).Sum(d => d.Quantity);
        var received = said.Received ?? shipped.Quantity - missing;
        if (received < 0 || received + missing != shipped.Quantity)
        {
            errors.Add(new(path, PartsErrorCodes.ReceiptQuantityMismatch,
                $"Line {shipped.LineNumber}: {shipped.Quantity} shipped, but received ({received}) plus short, damaged and wrong-part units ({missing}) do not add up to it."));
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        var line = state.Line(shipped.LineNumber)!;
        line.Shipped -= shipped.Quantity;
        line.Received += received;
        line.Discrepant += missing;
        shipped.Received = received;
        foreach (var d in discrepancies)
        {
            state.Discrepancies.Add(new Discrepancy
            {
                DiscrepancyId = $"DSC-{state.Discrepancies.Count + 1:D3}", ShipmentId = shipment.ShipmentId, LineNumber = shipped.LineNumber, Kind = d.Kind,
                Quantity = d.Quantity, PartNumberReceived = d.PartNumberReceived, Note = d.Note, ReportedAt = now,
            });
        }

        return line.Balances ? errors : throw new InvalidOperationException($"Line {line.LineNumber} no longer balances after a receipt.");
    }

    private int WindowDays(string kind) => kind switch
    {
        Damaged => windows.DamagedBusinessDays,
        Short => windows.ShortBusinessDays,
        WrongPart => windows.WrongPartBusinessDays,
        _ => windows.OverBusinessDays,
    };
}
