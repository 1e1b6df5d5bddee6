using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// What an OEM order event does to an order. Stage events move it forward only — a late or duplicate one is recorded,
/// not applied; holds, ETA updates and answers to amendments change the order without a stage change. Events from
/// the OEM's own vocabulary arrive here already translated (<see cref="OemCodes.OemCodeTranslator"/>).
/// </summary>
internal sealed class VehicleOrderEvents(Func<VehicleOrderOptions> options, TimeProvider clock)
{
    public const string HoldOverlay = "hold";
    public const string ChangeOverlay = "change";
    public const string ProgressRecorded = "ProgressRecorded";

    public OemEventPlan Plan(DocumentRecord order, JsonObject e)
    {
        var type = e["type"]!.GetValue<string>();
        if (Rank(type) > 0)
        {
            return PlanProgress(order, type, e);
        }

        return type switch
        {
            "Rejected" or "Cancelled" or "CancelRefused" => PlanOutcome(order, type, e),
            _ when IsClosed(order) => new OemEventPlan(type, []),
            "EtaUpdated" => PlanEta(order, e),
            "HoldSet" or "HoldReleased" => PlanHold(order, type, e),
            "ChangeAccepted" or "ChangeRefused" => OrderChanges.PlanAnswer(order, type, e, clock.GetUtcNow()),
            _ => OemEventPlan.Record("OemStatusUpdate"),
        };
    }

    /// <summary>
    /// How far the order got: its status when that is a stage, else the furthest stage its timeline reached (an order
    /// whose cancellation is pending keeps recording progress).
    /// </summary>
    public static string StageOf(DocumentRecord order)
    {
        if (Rank(order.Status) >= 0)
        {
            return order.Status;
        }

        var stage = Submitted;
        foreach (var entry in order.Timeline)
        {
            var reached = entry.Event == ProgressRecorded ? entry.Details?["type"]?.GetValue<string>() : entry.To;
            if (reached is not null && Rank(reached) > Rank(stage))
            {
                stage = reached;
            }
        }

        return stage;
    }

    public static bool IsClosed(DocumentRecord order) => order.Status is Cancelled or Rejected;

    private OemEventPlan PlanProgress(DocumentRecord order, string stage, JsonObject e)
    {
        if (IsClosed(order))
        {
            return new OemEventPlan(stage, []);
        }

        var vin = e["vin"]?.GetValue<string>();
        var held = order.Oem["vin"]?.GetValue<string>();
        if (CheckVin(stage, vin, held) is { Count: > 0 } errors)
        {
            return new OemEventPlan(stage, errors);
        }

        var now = clock.GetUtcNow();
        IReadOnlyList<Reservation> link = vin is not null && held is null
            ? [VehicleRegistry.Link(vin, VehicleOrderType.TypeName, order.TrackingId, "/vin", ErrorCodes.VinAlreadyAssigned, "This VIN belongs to another order.")]
            : [];
        var reached = StageOf(order);
        if (Rank(stage) <= Rank(reached))
        {
            // Never backwards: the stage stays. A repeat of the current stage may update its data (a new build week);
            // an event behind it only fills in what is missing. An ETA is applied only if it is newer than the one held.
            var repeat = stage == reached;
            return OemEventPlan.RecordLate(repeat ? "DuplicateEvent" : "OutOfOrderEvent") with
            {
                Apply = d => RecordData(d, e, now, fillOnly: !repeat), Reservations = link,
            };
        }

        void Apply(DocumentRecord d) => RecordData(d, e, now, fillOnly: false);
        return order.Status == CancelRequested
            ? OemEventPlan.Record(ProgressRecorded, Apply, notifyDealer: true) with { Reservations = link }
            : new OemEventPlan(stage, [], Apply) { Reservations = link };
    }

    private List<ValidationError> CheckVin(string stage, string? vin, string? held)
    {
        var errors = new List<ValidationError>();
        if (stage == Produced && vin is null && held is null)
        {
            errors.Add(new("/vin", ErrorCodes.MissingEventData, "A Produced event must carry the VIN."));
        }

        if (vin is not null && options().RequireVinCheckDigit && !Vin.HasValidCheckDigit(vin))
        {
            errors.Add(new("/vin", ErrorCodes.InvalidVin, "The VIN's check digit (9th character) does not match."));
        }

        if (vin is not null && held is not null && vin != held)
        {
            errors.Add(new("/vin", ErrorCodes.InvalidValue, $"The order was built as VIN {held}."));
        }

        return errors;
    }

    private static OemEventPlan PlanOutcome(DocumentRecord order, string type, JsonObject e)
    {
        if (order.Status == type)
        {
            return OemEventPlan.RecordLate("DuplicateEvent");
        }

        if (type == "Rejected" && e["editErrors"] is null)
        {
            return new OemEventPlan(type, [new("/editErrors", ErrorCodes.MissingEventData, "A Rejected event must carry the edit errors.")]);
        }

        return new OemEventPlan(type, [], d =>
        {
            SetReference(d, e);
            if (type == "Rejected")
            {
                d.Oem["editErrors"] = e["editErrors"]!.DeepClone();
            }
            else
            {
                d.Oem["cancellation"] = OemAnswer.Of(type, e);
            }
        });
    }

    private OemEventPlan PlanEta(DocumentRecord order, JsonObject e)
    {
        if (e["eta"] is not JsonObject eta)
        {
            return new OemEventPlan("EtaUpdated", [new("/eta", ErrorCodes.MissingEventData, "An EtaUpdated event must carry the ETA.")]);
        }

        var now = clock.GetUtcNow();
        return OrderEta.Judge(order, eta) switch
        {
            OrderEta.Verdict.Stale => OemEventPlan.RecordLate("StaleEta"),
            OrderEta.Verdict.Same => OemEventPlan.RecordLate("DuplicateEvent"),
            _ => OemEventPlan.Record("EtaUpdated", d => OrderEta.Apply(d, eta, now), notifyDealer: true),
        };
    }

    private OemEventPlan PlanHold(DocumentRecord order, string type, JsonObject e)
    {
        var at = OccurredAt(e) ?? clock.GetUtcNow();
        var hold = e["hold"] as JsonObject;
        if (type == "HoldSet" && hold is null)
        {
            return new OemEventPlan(type, [new("/hold", ErrorCodes.MissingEventData, "A HoldSet event must carry the hold's reason class.")]);
        }

        var (reasonClass, reasonCode) = (hold?["reasonClass"]?.GetValue<string>(), hold?["reasonCode"]?.GetValue<string>());
        var verdict = type == "HoldSet"
            ? Overlays.JudgeSet(order, HoldOverlay, reasonClass, reasonCode, at)
            : Overlays.JudgeRelease(order, HoldOverlay, at);
        return verdict switch
        {
            OverlayChange.Stale => OemEventPlan.RecordLate("StaleEvent"),
            OverlayChange.Unchanged => OemEventPlan.RecordLate("DuplicateEvent"),
            _ when type == "HoldSet" => OemEventPlan.Record(type, d => Overlays.Set(d, HoldOverlay, reasonClass, reasonCode, at,
                hold?["note"] is { } note ? new JsonObject { ["note"] = note.DeepClone() } : null), notifyDealer: true),
            _ => OemEventPlan.Record(type, d => Overlays.Release(d, HoldOverlay, at), notifyDealer: true),
        };
    }

    /// <summary>Records what an event says; with <paramref name="fillOnly"/> only where the order has nothing yet.</summary>
    private static void RecordData(DocumentRecord order, JsonObject e, DateTimeOffset now, bool fillOnly)
    {
        if (!fillOnly || order.OemReference is null)
        {
            SetReference(order, e);
        }

        var schedule = order.Oem["schedule"] as JsonObject ?? [];
        foreach (var field in new[] { "buildWeek", "plant" })
        {
            if (e[field] is { } value && (!fillOnly || schedule[field] is null))
            {
                schedule[field] = value.DeepClone();
            }
        }

        if (schedule.Count > 0)
        {
            order.Oem["schedule"] = schedule.DeepClone();
        }

        foreach (var field in new[] { "vin", "invoice", "carrier", "deliveredOn" })
        {
            // The VIN is set once: a different one is refused before we get here.
            if (e[field] is { } value && ((!fillOnly && field != "vin") || order.Oem[field] is null))
            {
                order.Oem[field] = value.DeepClone();
            }
        }

        if (e["eta"] is JsonObject eta)
        {
            if (OrderEta.Judge(order, eta) == OrderEta.Verdict.Newer)
            {
                OrderEta.Apply(order, eta, now);
            }
            else
            {
                // Kept on the timeline entry (which records the event as received): an older ETA never replaces a newer.
                e["etaNotApplied"] = "An ETA set at or before the one held is never applied.";
            }
        }
    }

    private static void SetReference(DocumentRecord order, JsonObject e)
    {
        if (e["oemOrderNumber"]?.GetValue<string>() is { } number)
        {
            order.OemReference = number;
        }
    }

    private static DateTimeOffset? OccurredAt(JsonObject e) =>
        e["occurredAt"]?.GetValue<string>() is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
