using System.Text.Json.Nodes;
using Dms.Hub.OemCodes;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using static Dms.Hub.VehicleOrders.VehicleOrderStates;

namespace Dms.Hub.Tests.VehicleOrders;

/// <summary>
/// What OEM events record on an order is what vehicle-order-state.v1 says it is (SOAP's GetDocumentStatus is typed by
/// it, and writes nothing the schema does not name): every kind of event, applied, leaves OEM data the schema accepts.
/// </summary>
public sealed class VehicleOrderStateSchemaTests
{
    private static readonly Dms.Hub.VehicleOrders.VehicleOrderType Type = Orders.Type();

    [Fact]
    public async Task OemData_AfterEveryStageEtaCodeAndChangeAnswer_MatchesTheStateSchema()
    {
        var order = Orders.Stored(Accepted);
        Apply(order, Event("Scheduled", new() { ["oemOrderNumber"] = "GM-1", ["buildWeek"] = "2026-W50", ["plant"] = "Lansing", ["eta"] = Eta("2027-01-04", "2027-01-11", "2026-11-23T08:00:00Z") }));
        Apply(order, Event("Produced", new() { ["vin"] = "1HGCM82633A004352" }));
        Apply(order, Event("Invoiced", new() { ["invoice"] = new JsonObject { ["number"] = "INV-1", ["date"] = "2026-11-25" } }));
        Apply(order, Event("InTransit", new() { ["carrier"] = "Cassens Transport", ["eta"] = Eta("2026-12-01", "2026-12-04", "2026-11-24T14:00:00Z") }));
        Apply(order, Event("EtaUpdated", new() { ["eta"] = new JsonObject { ["earliest"] = "2026-12-05", ["latest"] = "2026-12-09", ["setAt"] = "2026-11-26T09:30:00Z" } }));
        Apply(order, Event("AtDealer", new() { ["deliveredOn"] = "2026-12-06" }));
        OemCodeTranslator.Remember(order, new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "GM", ["code"] = "5000", ["event"] = "AtDealer" } }, Contexts.Now);
        await AmendAsync(order);
        Apply(order, Event("ChangeAccepted"));

        AssertMatchesSchema(order, "lastCode", "schedule", "vin", "invoice", "carrier", "eta", "firstEta", "etaSlipDays", "deliveredOn", "lastChange");
    }

    [Theory]
    [InlineData("Rejected", "editErrors")]
    [InlineData("Cancelled", "cancellation")]
    [InlineData("ChangeRefused", "lastChange")]
    public async Task OemData_AfterAnOutcomeWithoutReasonCodesOrNotes_MatchesTheStateSchema(string outcome, string recorded)
    {
        var order = Orders.Stored(Accepted);
        if (outcome == "ChangeRefused")
        {
            await AmendAsync(order);
        }

        Apply(order, Event(outcome, outcome == "Rejected" ? new() { ["editErrors"] = new JsonArray(new JsonObject { ["code"] = "E215", ["message"] = "Not buildable." }) } : null));

        AssertMatchesSchema(order, recorded);
    }

    [Fact]
    public void OemData_CancelRefusedWithReasons_MatchesTheStateSchema()
    {
        var order = Orders.Stored(CancelRequested);

        Apply(order, Event("CancelRefused", new() { ["reasonCodes"] = new JsonArray("ORDER_LOCKED"), ["notes"] = "Locked for production." }));

        AssertMatchesSchema(order, "cancellation");
    }

    private static void AssertMatchesSchema(DocumentRecord order, params string[] recorded)
    {
        var errors = SchemaValidator.Validate(new SchemaCatalog().Get(Type.StateSchemaName!), order.Oem.ToJsonString());

        Assert.True(errors.Count == 0, order.Oem.ToJsonString() + "\n" + string.Join('\n', errors.Select(e => $"{e.Path} {e.Code} {e.Message}")));
        Assert.Equal(recorded.Order(StringComparer.Ordinal), order.Oem.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static async Task AmendAsync(DocumentRecord order)
    {
        var amend = Type.Commands.Single(c => c.Verb == "Amend");
        var plan = await amend.PlanAsync(order, new JsonObject { ["exteriorColor"] = "RED" }, Contexts.Rule(true), CancellationToken.None);
        order.ContentVersion++;
        order.Body = plan.Replacement!.Body;
        plan.Apply!(order);
    }

    private static JsonObject Event(string type, JsonObject? data = null)
    {
        var body = data ?? [];
        body["type"] = type;
        return body;
    }

    private static JsonObject Eta(string earliest, string latest, string setAt) => new() { ["earliest"] = earliest, ["latest"] = latest, ["source"] = "Plant", ["setAt"] = setAt };

    private static void Apply(DocumentRecord order, JsonObject oemEvent)
    {
        var plan = Type.PlanOemEvent(order, oemEvent);
        Assert.Empty(plan.Errors);
        plan.Apply!(order);
    }
}
