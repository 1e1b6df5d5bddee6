using System.Text;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Routing;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Functions.Startup.History;

/// <summary>
/// Writes the past of a document as the hub would have recorded it: canonical body, submission on a channel,
/// routing, delivery attempts (some failing, some dead-lettered), and the OEM's answers applied through the type's own
/// event plans and state machine — each step at its own time, stopping at <c>now</c> (young documents are mid-flight).
/// </summary>
public sealed class HistoryGenerator
{
    private readonly HistoryClock _clock = new();
    private readonly DocumentWorkflow _workflow;
    private readonly DocumentTypeRegistry _types;
    private readonly Router _router;

    public HistoryGenerator(IServiceProvider services)
    {
        _router = services.GetRequiredService<Router>();
        _workflow = new DocumentWorkflow(_clock, _router, services);
        _types = services.GetRequiredService<DocumentTypeRegistry>();
    }

    /// <param name="vin">A vehicle the dealer already sold (claims and VOR orders about it); a new one when null.</param>
    public GeneratedDocument? Build(string typeName, Dealer dealer, int sequence, DateTimeOffset submitted, DateTimeOffset now, Random random, string? vin = null)
    {
        var type = _types.Get(typeName);
        var prefix = typeName switch { "warranty-claim" => "WC", "vehicle-order" => "VO", "retail-delivery-report" => "RDR", "parts-order" => "PO", _ => "DOC" };
        var number = $"H{prefix}-{submitted.UtcDateTime:yyMMdd}-{dealer.Code}-{sequence:D3}";
        vin ??= HistoryBodies.Vin(random.Next(1_000_000));
        var body = typeName switch
        {
            "warranty-claim" => HistoryBodies.WarrantyClaim(number, vin, submitted, random),
            "vehicle-order" => HistoryBodies.VehicleOrder(number, submitted, random),
            "retail-delivery-report" => HistoryBodies.RetailDelivery(number, vin, submitted, random),
            "parts-order" => HistoryBodies.PartsOrder(number, vin, random),
            _ => null,
        };
        if (body is null || type.Canonicalize(body) is not { } canonical)
        {
            return null;
        }

        _clock.Now = submitted;
        var channel = random.Next(10) switch { < 7 => "rest", < 9 => "soap", _ => "batch" };
        var correlation = Ids.NewUlid(submitted);
        var document = new DocumentRecord
        {
            TrackingId = TrackingIds.New(dealer.Code, submitted), DocumentType = type.Name, DealerCode = dealer.Code, DocumentNumber = canonical.DocumentNumber,
            Status = type.States.Initial, SubmittedAt = submitted, Body = canonical.Body,
        };
        var submittedDetails = new JsonObject { ["documentNumber"] = canonical.DocumentNumber };
        if (random.Next(3) == 0)
        {
            submittedDetails["idempotencyKey"] = Guid.NewGuid().ToString();
        }

        _workflow.Record(document, "Submitted", new Actor(dealer.Code, "dealer", channel, correlation), submittedDetails, null, document.Status);
        var payload = new RawPayload(document.TrackingId, 1, channel, "application/json", Encoding.UTF8.GetBytes(body.ToJsonString()), submitted);
        var deadLetter = Deliver(document, type, dealer, now, random, correlation);
        if (document.Deliveries.Exists(d => d.Status == DeliveryStatus.Delivered))
        {
            var events = typeName switch
            {
                "warranty-claim" => HistoryScripts.Warranty(document, submitted, random),
                "vehicle-order" => HistoryScripts.Order(document, submitted, random),
                "parts-order" => HistoryScripts.Parts(document, submitted, random),
                _ => [],
            };
            Answer(document, type, dealer, events, now);
        }

        return new GeneratedDocument(document, payload, canonical.Hash(), deadLetter);
    }

    private GeneratedDeadLetter? Deliver(DocumentRecord document, DocumentType type, Dealer dealer, DateTimeOffset now, Random random, string correlation)
    {
        var destinations = _router.Resolve(type.Name, dealer);
        var system = Actor.System(correlation);
        if (destinations.Count == 0 || !Step(now, TimeSpan.FromMilliseconds(random.Next(200, 2000))))
        {
            return null;
        }

        var delivery = new DeliveryRecord { Id = DeliveryRecord.MakeId(type.SubmitMessage, 1, destinations[0]), Destination = destinations[0], MessageType = type.SubmitMessage, ContentVersion = 1, CreatedAt = _clock.Now };
        document.Deliveries.Add(delivery);
        _workflow.Record(document, "Routed", system, new JsonObject { ["message"] = delivery.MessageType, ["destinations"] = new JsonArray(delivery.Destination) });
        var roll = random.Next(100);
        var failures = roll switch { < 6 => 1, >= 96 => 4, _ => 0 };
        for (var attempt = 1; attempt <= failures; attempt++)
        {
            if (!Step(now, TimeSpan.FromSeconds(attempt * 20)))
            {
                return null;
            }

            delivery.Attempts = attempt;
            delivery.LastError = "HTTP 503: Service Unavailable";
            _workflow.Record(document, "DeliveryAttemptFailed", system, Attempt(delivery, attempt, random, delivery.LastError));
        }

        if (failures == 4)
        {
            var workId = Ids.NewUlid(_clock.Now);
            var reason = $"Gave up after {failures} attempts: HTTP 503: Service Unavailable";
            delivery.Status = DeliveryStatus.DeadLettered;
            delivery.LastError = reason;
            _workflow.Record(document, "DeliveryDeadLettered", system, new JsonObject { ["destination"] = delivery.Destination, ["delivery"] = delivery.Id, ["workId"] = workId, ["reason"] = reason });
            return new GeneratedDeadLetter(workId, delivery.Id, reason, _clock.Now, failures);
        }

        if (!Step(now, TimeSpan.FromMilliseconds(random.Next(50, 900))))
        {
            return null;
        }

        delivery.Attempts = failures + 1;
        if (roll is >= 92 and < 96)
        {
            delivery.Status = DeliveryStatus.Failed;
            delivery.LastError = "HTTP 422: the OEM refused the document";
            delivery.CompletedAt = _clock.Now;
            _workflow.Record(document, "DeliveryFailed", system, Attempt(delivery, delivery.Attempts, random, delivery.LastError));
            if (type.States.TryFire(document.Status, Triggers.DeliveryRejected, out var rejected))
            {
                _workflow.Apply(new ChangeSet(document.DealerCode), document, rejected, system, new Dealer { Code = document.DealerCode, Name = "", Region = "", Brand = "" }, new JsonObject { ["reason"] = delivery.LastError });
            }

            return null;
        }

        delivery.Status = DeliveryStatus.Delivered;
        delivery.CompletedAt = _clock.Now;
        delivery.LastError = null;
        _workflow.Record(document, "Delivered", system, Attempt(delivery, delivery.Attempts, random, null));
        return null;
    }

    private void Answer(DocumentRecord document, DocumentType type, Dealer dealer, IReadOnlyList<(TimeSpan After, JsonObject Event)> events, DateTimeOffset now)
    {
        var oem = new Actor("oem", "oem", "oem", null);
        foreach (var (after, oemEvent) in events)
        {
            if (!Step(now, after))
            {
                return;
            }

            Stamp(oemEvent);
            var plan = type.PlanOemEvent(document, oemEvent);
            if (plan.Errors.Count > 0)
            {
                continue;
            }

            Transition? transition = null;
            if (plan.RecordAs is null && !type.States.TryFire(document.Status, plan.Trigger, out transition))
            {
                continue;
            }

            plan.Apply?.Invoke(document);
            var scratch = new ChangeSet(document.DealerCode);
            var actor = oem with { CorrelationId = Ids.NewUlid(_clock.Now) };
            if (transition is not null)
            {
                _workflow.Apply(scratch, document, transition, actor, dealer, oemEvent.DeepClone().AsObject());
            }
            else
            {
                _workflow.Record(document, plan.RecordAs!, actor, oemEvent.DeepClone().AsObject());
            }
        }
    }

    /// <summary>Dates an event with the moment it happens: its time, an ETA's estimate time, an invoice or arrival day.</summary>
    private void Stamp(JsonObject oemEvent)
    {
        var time = _clock.Now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var day = _clock.Now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        oemEvent["occurredAt"] ??= time;
        if (oemEvent["eta"] is JsonObject eta)
        {
            eta["setAt"] ??= time;
        }

        if (oemEvent["invoice"] is JsonObject invoice)
        {
            invoice["date"] ??= day;
        }

        if (oemEvent.ContainsKey("deliveredOn"))
        {
            oemEvent["deliveredOn"] ??= day;
        }
    }

    /// <summary>Moves the clock on; false when that moment has not come yet (the document's story stops here).</summary>
    private bool Step(DateTimeOffset now, TimeSpan after)
    {
        if (_clock.Now + after > now)
        {
            return false;
        }

        _clock.Now += after;
        return true;
    }

    private static JsonObject Attempt(DeliveryRecord delivery, int attempt, Random random, string? error) => new()
    {
        ["destination"] = delivery.Destination, ["delivery"] = delivery.Id, ["message"] = delivery.MessageType, ["attempt"] = attempt,
        ["latencyMs"] = error is null ? random.Next(20, 400) : random.Next(800, 2000), ["error"] = error,
    };
}

/// <summary>A generated document with what it needs to be stored like a real one.</summary>
/// <param name="RequestHash">The canonical body's hash, for the document-number key a resubmission is checked against.</param>
public sealed record GeneratedDocument(DocumentRecord Record, RawPayload Payload, string RequestHash, GeneratedDeadLetter? DeadLetter);

/// <summary>A delivery that gave up: the work item behind it becomes a real dead letter an operator can replay.</summary>
public sealed record GeneratedDeadLetter(string WorkId, string DeliveryId, string Reason, DateTimeOffset At, int Attempts);
