using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>
/// Applies a depot acknowledgement to a copy of the order's state. Each answered line's open units (not yet shipped,
/// settled or cancelled) are split anew by the allocations; their quantities must account for exactly those units, or
/// the whole acknowledgement is refused and nothing applied. Earlier cancellations are final.
/// </summary>
/// <param name="translate">Reads a line status from the depot's own code (scheme, code): the status, or the error.</param>
internal sealed class AcknowledgementPlanner(Func<CodeRef, string, (string? Status, ValidationError? Error)> translate)
{
    public StateChange Plan(PartsOrder order, OrderState current, AcknowledgementBody ack, DateTimeOffset now)
    {
        if (ack.AcknowledgementId is { } id && current.Acknowledgements.Any(a => a.AcknowledgementId == id))
        {
            return StateChange.Repeat("DuplicateEvent");
        }

        var state = current.Copy();
        var errors = new List<ValidationError>();
        var seen = new HashSet<int>();
        for (var i = 0; i < ack.Lines.Count; i++)
        {
            var path = $"/acknowledgement/lines/{i}";
            var answer = ack.Lines[i];
            if (state.Line(answer.LineNumber) is not { } line)
            {
                errors.Add(new($"{path}/lineNumber", PartsErrorCodes.UnknownLine, $"The order has no line {answer.LineNumber}."));
            }
            else if (!seen.Add(answer.LineNumber))
            {
                errors.Add(new($"{path}/lineNumber", PartsErrorCodes.UnknownLine, $"Line {answer.LineNumber} is answered twice."));
            }
            else
            {
                Split(order, line, answer, path, now, errors);
            }
        }

        if (errors.Count > 0)
        {
            return StateChange.Fail(errors);
        }

        state.AckKind = OrderStatus.AckKind(state);
        state.AcknowledgedAt ??= now;
        state.Acknowledgements.Add(new AcknowledgementRecord(ack.AcknowledgementId, now, state.AckKind, [.. ack.Lines.Select(l => l.LineNumber)]));
        return StateChange.To(state);
    }

    private void Split(PartsOrder order, LineState line, AckLine answer, string path, DateTimeOffset now, List<ValidationError> errors)
    {
        var entries = new List<(AckAllocation Allocation, string Status, string Path)>();
        for (var j = 0; j < answer.Allocations.Count; j++)
        {
            var allocation = answer.Allocations[j];
            var at = $"{path}/allocations/{j}";
            var (status, error) = allocation.OemCode is { } code ? translate(code, at + "/oemCode") : (allocation.Status, null);
            if (error is not null)
            {
                errors.Add(error);
            }
            else if (status is null)
            {
                errors.Add(new(at + "/status", PartsErrorCodes.LineStatusRequired, "Give the line status ('status') or the depot's code ('oemCode')."));
            }
            else if (allocation.Status is { } given && given != status)
            {
                errors.Add(new(at + "/status", OemCodes.OemCodeTranslator.CodeMismatch, $"The depot's code means {status}, not {given}."));
            }
            else
            {
                entries.Add((allocation, status, at));
                errors.AddRange(Terms(order, allocation, status, at));
            }
        }

        if (errors.Count > 0)
        {
            return;
        }

        var open = line.Open;
        var restTakers = entries.Where(e => e.Allocation.Quantity is null || LineStatuses.IsComposite(e.Status)).ToList();
        var named = entries.Sum(e => e.Allocation.Quantity ?? 0);
        if (restTakers.Count > 1)
        {
            errors.Add(new(restTakers[1].Path, PartsErrorCodes.AllocationAmbiguous, $"Line {line.LineNumber}: only one allocation may take the rest of the line (a quantity left out, PartialBackordered or QuantityChanged)."));
            return;
        }

        var rest = open - named;
        if (rest < 0 || (restTakers.Count == 0 && rest != 0))
        {
            errors.Add(new(path + "/allocations", PartsErrorCodes.AckQuantityMismatch,
                $"Line {line.LineNumber}: the allocations account for {named} units but {open} are open (ordered {line.Ordered}, shipped or received {line.Shipped + line.Received + line.Discrepant + line.Credited}, cancelled {line.Buckets.Cancelled}); they must add up exactly."));
            return;
        }

        Apply(line, entries, rest, now);
    }

    /// <summary>The dealer's terms: no backorder or substitution where the order forbids it; substitutes name their part.</summary>
    private static IEnumerable<ValidationError> Terms(PartsOrder order, AckAllocation allocation, string status, string path)
    {
        if (status is LineStatuses.Backordered or LineStatuses.PartialBackordered && order.BackorderAllowed == false)
        {
            yield return new(path, PartsErrorCodes.BackorderNotAllowed, "The order does not allow backorders (backorderAllowed false).");
        }

        if (status == LineStatuses.Substituted && order.SubstitutionAllowed == false)
        {
            yield return new(path, PartsErrorCodes.SubstitutionNotAllowed, "The order does not allow substitutes (substitutionAllowed false).");
        }

        if (LineStatuses.IsComposite(status) && allocation.Quantity is null)
        {
            yield return new(path + "/quantity", PartsErrorCodes.AllocationIncomplete, $"{status} needs the quantity accepted; the rest of the line is {(status == LineStatuses.PartialBackordered ? "backordered" : "cancelled")}.");
        }

        if (status == LineStatuses.Substituted && allocation.PartNumber is null)
        {
            yield return new(path + "/partNumber", ErrorCodes.Required, "A substitution names the part supplied.");
        }
    }

    private static void Apply(LineState line, List<(AckAllocation Allocation, string Status, string Path)> entries, int rest, DateTimeOffset now)
    {
        line.Unacknowledged = 0;
        line.Allocations = [];
        foreach (var (a, status, _) in entries)
        {
            var quantity = a.Quantity ?? rest;
            switch (status)
            {
                case LineStatuses.Accepted:
                    Add(line, AllocationStatus.Accepted, quantity, a);
                    break;
                case LineStatuses.Backordered:
                    Add(line, AllocationStatus.Backordered, quantity, a);
                    break;
                case LineStatuses.Substituted:
                    Add(line, AllocationStatus.Substituted, quantity, a);
                    break;
                case LineStatuses.Rejected:
                    Cancel(line, quantity, a.ReasonCode ?? "REJECTED", now);
                    break;
                case LineStatuses.PartialBackordered:
                    Add(line, AllocationStatus.Accepted, a.Quantity!.Value, a);
                    Add(line, AllocationStatus.Backordered, rest, a);
                    break;
                case LineStatuses.QuantityChanged:
                    Add(line, AllocationStatus.Accepted, a.Quantity!.Value, a);
                    Cancel(line, rest, a.ReasonCode ?? "QUANTITY_CHANGED", now);
                    break;
            }
        }

        // A pending backorder cancellation can only cover what is still backordered.
        line.BackorderCancelRequested = Math.Min(line.BackorderCancelRequested, line.Backordered);
        if (!line.Balances)
        {
            throw new InvalidOperationException($"Line {line.LineNumber} no longer balances after an acknowledgement.");
        }
    }

    private static void Add(LineState line, AllocationStatus status, int quantity, AckAllocation a)
    {
        if (quantity > 0)
        {
            line.Allocations.Add(new Allocation
            {
                Status = status, Quantity = quantity, Depot = status == AllocationStatus.Backordered ? null : a.Depot,
                PromisedShipDate = status == AllocationStatus.Backordered ? null : a.PromisedShipDate,
                ExpectedShipDate = status == AllocationStatus.Backordered ? a.ExpectedShipDate : null,
                PartNumber = status == AllocationStatus.Substituted ? a.PartNumber : null,
            });
        }
    }

    private static void Cancel(LineState line, int quantity, string reason, DateTimeOffset now)
    {
        if (quantity > 0)
        {
            line.Cancellations.Add(new Cancellation(quantity, OrderStatus.ByOem, reason, now));
        }
    }
}
