using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>The dealer's request to cancel backordered units (schemas/parts-order-backorder-cancel.v1.schema.json).</summary>
internal sealed record BackorderCancelBody(IReadOnlyList<BackorderAnswer>? Lines, string Reason, string? Comment);

/// <summary>
/// Backorder cancellation: the dealer asks (the units stay backordered, marked as asked for), the depot confirms (they
/// become cancelled by the dealer's request, at most what is still backordered) or refuses (the mark goes).
/// </summary>
internal static class BackorderPlanner
{
    public static StateChange Request(OrderState current, BackorderCancelBody request, DateTimeOffset now)
    {
        var state = current.Copy();
        var errors = new List<ValidationError>();
        var wanted = request.Lines ?? [.. state.Lines.Where(l => l.Backordered > l.BackorderCancelRequested).Select(l => new BackorderAnswer(l.LineNumber, null))];
        if (wanted.Count == 0)
        {
            return StateChange.Fail("", PartsErrorCodes.NothingBackordered, "Nothing on the order is backordered (or every backorder is already being cancelled).");
        }

        var seen = new HashSet<int>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var path = request.Lines is null ? "" : $"/lines/{i}";
            var line = state.Line(wanted[i].LineNumber);
            var free = line is null ? 0 : line.Backordered - line.BackorderCancelRequested;
            var quantity = wanted[i].Quantity ?? free;
            if (line is null || !seen.Add(line.LineNumber))
            {
                errors.Add(new(path + "/lineNumber", PartsErrorCodes.UnknownLine, $"The order has no line {wanted[i].LineNumber}, or it is named twice."));
            }
            else if (free == 0 || quantity > free)
            {
                errors.Add(new(path + (wanted[i].Quantity is null ? "/lineNumber" : "/quantity"), free == 0 ? PartsErrorCodes.NothingBackordered : PartsErrorCodes.BackorderExceeded,
                    $"Line {line.LineNumber} has {line.Backordered} backordered, {line.BackorderCancelRequested} of them already asked to be cancelled."));
            }
            else
            {
                line.BackorderCancelRequested += quantity;
                state.BackorderCancellations.Add(new BackorderCancelRequest { LineNumber = line.LineNumber, Quantity = quantity, Reason = request.Reason, RequestedAt = now });
            }
        }

        return errors.Count > 0 ? StateChange.Fail(errors) : StateChange.To(state);
    }

    public static StateChange Answer(OrderState current, IReadOnlyList<BackorderAnswer>? answers, bool confirmed, IReadOnlyList<string>? reasonCodes, DateTimeOffset now)
    {
        if (answers is null)
        {
            return StateChange.Fail("/backorders", ErrorCodes.Required, "Name the lines answered in backorders.");
        }

        var state = current.Copy();
        var errors = new List<ValidationError>();
        for (var i = 0; i < answers.Count; i++)
        {
            var path = $"/backorders/{i}";
            var line = state.Line(answers[i].LineNumber);
            var pending = state.BackorderCancellations.Where(r => r.LineNumber == answers[i].LineNumber && r.Status == BackorderCancelRequest.Requested).ToList();
            if (line is null || pending.Count == 0)
            {
                errors.Add(new(path + "/lineNumber", PartsErrorCodes.NoBackorderCancelPending, $"No backorder cancellation of line {answers[i].LineNumber} is waiting for an answer."));
                continue;
            }

            var quantity = confirmed ? answers[i].Quantity ?? Math.Min(line.BackorderCancelRequested, line.Backordered) : 0;
            if (quantity > line.Backordered)
            {
                errors.Add(new(path + "/quantity", PartsErrorCodes.BackorderExceeded, $"Line {line.LineNumber} has only {line.Backordered} backordered."));
                continue;
            }

            CancelBackordered(line, quantity, pending[0].Reason, now);
            line.BackorderCancelRequested = 0;
            foreach (var request in pending)
            {
                request.Status = confirmed ? BackorderCancelRequest.Confirmed : BackorderCancelRequest.Refused;
                request.AnsweredAt = now;
                request.ReasonCodes = reasonCodes;
            }

            pending[0].Cancelled = quantity;
        }

        return errors.Count > 0 ? StateChange.Fail(errors) : StateChange.To(state);
    }

    /// <summary>Takes <paramref name="quantity"/> out of the line's backorders, latest expected date first.</summary>
    private static void CancelBackordered(LineState line, int quantity, string reason, DateTimeOffset now)
    {
        if (quantity == 0)
        {
            return;
        }

        var remaining = quantity;
        foreach (var backorder in line.Allocations.Where(a => a.Status == AllocationStatus.Backordered).OrderByDescending(a => a.ExpectedShipDate ?? DateOnly.MaxValue))
        {
            var take = Math.Min(remaining, backorder.Quantity);
            backorder.Quantity -= take;
            remaining -= take;
        }

        line.Allocations.RemoveAll(a => a.Quantity == 0);
        line.Cancellations.Add(new Cancellation(quantity, OrderStatus.ByDealer, reason, now));
        if (!line.Balances)
        {
            throw new InvalidOperationException($"Line {line.LineNumber} no longer balances after a backorder cancellation.");
        }
    }
}
