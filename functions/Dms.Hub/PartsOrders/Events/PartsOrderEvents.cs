using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using static Dms.Hub.PartsOrders.PartsOrderStates;

namespace Dms.Hub.PartsOrders.Events;

/// <summary>
/// What a depot event does to a parts order. Every event that changes the buckets leaves the order in the status they
/// imply (a transition when that differs, otherwise a timeline entry the dealer is told about). Nothing is applied
/// from an event that is refused; a repeat is recorded and applied once.
/// </summary>
internal sealed class PartsOrderEvents(PartsOrderType type, AcknowledgementPlanner acknowledgements, TimeProvider clock)
{
    private static readonly string[] ClosureFields = ["reasonCodes", "notes"];

    public OemEventPlan Plan(DocumentRecord document, JsonObject e)
    {
        var kind = e["type"]!.GetValue<string>();
        var order = type.ReadModel(document.Body);
        var state = OrderState.Read(document, order);
        var now = clock.GetUtcNow();
        if (IsClosed(document.Status) && kind is not ("HoldSet" or "HoldReleased"))
        {
            return OemEventPlan.RecordLate(document.Status == kind ? "DuplicateEvent" : "EventAfterClose");
        }

        return kind switch
        {
            "Acknowledged" => Require(e, "acknowledgement", out var ack)
                ? Outcome(document, kind, e, acknowledgements.Plan(order, state, Read<AcknowledgementBody>(ack), now))
                : Missing("acknowledgement", kind),
            "ShipNotice" => Require(e, "shipNotice", out var notice)
                ? Outcome(document, kind, e, ShipNoticePlanner.Plan(state, Read<ShipNoticeBody>(notice), now))
                : Missing("shipNotice", kind),
            "BackorderCancelled" or "BackorderCancelRefused" =>
                Outcome(document, kind, e, BackorderPlanner.Answer(state, e["backorders"]?.Deserialize<List<BackorderAnswer>>(HubJson.Options), kind == "BackorderCancelled", Codes(e), now)),
            "DiscrepancyResolved" => Require(e, "resolution", out var resolution)
                ? Outcome(document, kind, e, DiscrepancyPlanner.Plan(state, Read<ResolutionBody>(resolution), now))
                : Missing("resolution", kind),
            "Rejected" or "Cancelled" => Close(document, kind, e, state, now),
            "HoldSet" or "HoldReleased" => PlanHold(document, kind, e, now),
            _ => OemEventPlan.Record("OemStatusUpdate", d => Reference(d, e)),
        };
    }

    /// <summary>The plan for a state change: a transition to the status the new buckets imply, or a timeline entry.</summary>
    private static OemEventPlan Outcome(DocumentRecord document, string kind, JsonObject e, StateChange change)
    {
        if (change.Errors.Count > 0)
        {
            return OemEventPlan.Fail([.. change.Errors]);
        }

        if (change.Duplicate is { } repeat)
        {
            return OemEventPlan.RecordLate(repeat);
        }

        var next = change.State!;
        var status = OrderStatus.Derive(next, document.Status);
        void Apply(DocumentRecord d)
        {
            next.Write(d);
            Reference(d, e);
        }

        return status == document.Status
            ? OemEventPlan.Record(kind, Apply, notifyDealer: true)
            : new OemEventPlan(status, [], Apply);
    }

    /// <summary>The depot rejects or cancels the whole order: only while nothing of it has shipped.</summary>
    private static OemEventPlan Close(DocumentRecord document, string kind, JsonObject e, OrderState current, DateTimeOffset now)
    {
        if (document.Status is not (Submitted or Acknowledged))
        {
            return OemEventPlan.Fail(new ValidationError("/type", PartsErrorCodes.AlreadyShipped,
                $"Part of the order has shipped ({document.Status}); cancel what is still open with an acknowledgement (Rejected lines) instead."));
        }

        var state = current.Copy();
        var reason = Codes(e)?.FirstOrDefault() ?? (kind == Rejected ? "REJECTED" : "CANCELLED");
        foreach (var line in state.Lines.Where(l => l.Open > 0))
        {
            line.Cancellations.Add(new Cancellation(line.Open, OrderStatus.ByOem, reason, now));
            line.Unacknowledged = 0;
            line.Allocations = [];
            line.BackorderCancelRequested = 0;
        }

        return new OemEventPlan(kind, [], d =>
        {
            state.Write(d);
            Reference(d, e);
            var outcome = new JsonObject();
            foreach (var field in ClosureFields.Where(f => e[f] is not null))
            {
                outcome[field] = e[field]!.DeepClone();
            }

            d.Oem[kind == Rejected ? "rejection" : "cancellation"] = outcome;
        });
    }

    private static OemEventPlan PlanHold(DocumentRecord document, string kind, JsonObject e, DateTimeOffset now)
    {
        if (e["hold"] is not JsonObject hold)
        {
            return Missing("hold", kind);
        }

        var overlay = hold["kind"]!.GetValue<string>();
        var code = hold["reasonCode"]?.GetValue<string>();
        var at = e["occurredAt"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when) ? when : now;
        var verdict = kind == "HoldSet" ? Overlays.JudgeSet(document, overlay, overlay, code, at) : Overlays.JudgeRelease(document, overlay, at);
        return verdict switch
        {
            OverlayChange.Stale => OemEventPlan.RecordLate("StaleEvent"),
            OverlayChange.Unchanged => OemEventPlan.RecordLate("DuplicateEvent"),
            _ when kind == "HoldSet" => OemEventPlan.Record(kind, d => Overlays.Set(d, overlay, overlay, code, at,
                hold["note"] is { } note ? new JsonObject { ["note"] = note.DeepClone() } : null), notifyDealer: true),
            _ => OemEventPlan.Record(kind, d => Overlays.Release(d, overlay, at), notifyDealer: true),
        };
    }

    private static bool Require(JsonObject e, string field, out JsonObject value)
    {
        value = e[field] as JsonObject ?? [];
        return e[field] is JsonObject;
    }

    private static OemEventPlan Missing(string field, string kind) =>
        OemEventPlan.Fail(new ValidationError("/" + field, ErrorCodes.MissingEventData, $"A {kind} event must carry {field}."));

    private static T Read<T>(JsonObject node) => node.Deserialize<T>(HubJson.Options)!;

    private static List<string>? Codes(JsonObject e) => e["reasonCodes"]?.Deserialize<List<string>>(HubJson.Options);

    private static void Reference(DocumentRecord document, JsonObject e)
    {
        if (e["oemOrderNumber"]?.GetValue<string>() is { } number)
        {
            document.OemReference = number;
        }
    }
}
