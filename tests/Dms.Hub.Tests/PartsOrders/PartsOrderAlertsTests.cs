using System.Text.Json.Nodes;
using Dms.Hub.OemCodes;
using Dms.Hub.PartsOrders;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.DependencyInjection;
using static Dms.Hub.Tests.PartsOrders.Parts;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>When each parts alert is due, and that it ends with its condition; the X12 code table as the hub starts with it.</summary>
public sealed class PartsOrderAlertsTests
{
    private readonly PartsOrderType _type = Type();

    [Fact]
    public void VorNotAcknowledged_DueAtTheAckDueTime_EndsWithTheAcknowledgement_NotForStockOrders()
    {
        var body = Order(("15400-AUR-001", 5));
        var stock = Stored(_type, body);
        body["orderType"] = "VOR";
        var vor = Stored(_type, body);

        var due = Rule("VOR_NOT_ACKNOWLEDGED").Evaluate(vor);
        vor.Event(_type, Ack((1, [Allocation("Accepted")])));

        Assert.Equal(Contexts.Now.AddHours(0.02), due!.DueAt);
        Assert.Null(Rule("VOR_NOT_ACKNOWLEDGED").Evaluate(vor));
        Assert.Null(Rule("VOR_NOT_ACKNOWLEDGED").Evaluate(stock));
    }

    [Fact]
    public void ShipNoticeMissing_DueAfterThePromisedDayAndTheGrace_EndsWhenShipped()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));
        order.Event(_type, Ack((1, [Allocation("Accepted", 5), Allocation("Backordered")])));

        var due = Rule("SHIP_NOTICE_MISSING").Evaluate(order);
        order.Event(_type, Ship("S1", (1, 5)));

        // Promised 2026-11-25; the day ends at midnight UTC, plus the demo grace of 10 minutes. Backorders have no promise.
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 10, 0, TimeSpan.Zero), due!.DueAt);
        Assert.Contains("promised to ship on 2026-11-25 from PDC-EAST", due.Message, StringComparison.Ordinal);
        Assert.Null(Rule("SHIP_NOTICE_MISSING").Evaluate(order));
    }

    [Fact]
    public async Task DiscrepancyUnresolved_DueNDaysAfterTheReport_EndsWhenResolved()
    {
        var order = Stored(_type, Order(("15400-AUR-001", 10)));
        order.Event(_type, Ack((1, [Allocation("Accepted")])));
        order.Event(_type, Ship("S1", (1, 10)));
        await order.CommandAsync(_type, "receive", new JsonObject
        {
            ["shipmentId"] = "S1", ["receivedOn"] = "2026-11-23",
            ["lines"] = new JsonArray(new JsonObject { ["lineNumber"] = 1, ["discrepancies"] = new JsonArray(new JsonObject { ["kind"] = "Short", ["quantity"] = 1 }) }),
        });

        var due = Rule("DISCREPANCY_UNRESOLVED").Evaluate(order);
        order.Event(_type, new JsonObject { ["type"] = "DiscrepancyResolved", ["resolution"] = new JsonObject { ["discrepancyId"] = "DSC-001", ["outcome"] = "Credit" } });

        Assert.Equal(Contexts.Now.AddDays(1), due!.DueAt);
        Assert.Null(Rule("DISCREPANCY_UNRESOLVED").Evaluate(order));
    }

    [Fact]
    public void CodeTable_LineCodesMapToLineStatuses_AnUnknownLineStatus_StartUpRefused()
    {
        var validator = new OemCodeOptionsValidator(new ServiceCollection().AddSingleton(new DocumentTypeRegistry([_type])).AddSingleton<SchemaCatalog>().BuildServiceProvider());
        var bad = new OemCodeOptions { Schemes = { ["X"] = new OemCodeScheme { DocumentTypes = ["parts-order"], Codes = { ["ZZ"] = new OemCodeMapping { LineStatus = "Lost" } } } } };
        var seeded = Codes();
        seeded.Schemes.Remove("GM");
        seeded.Schemes.Remove("FCA");

        Assert.True(validator.Validate(null, seeded).Succeeded, validator.Validate(null, seeded).FailureMessage);
        Assert.Contains("line status 'Lost'", validator.Validate(null, bad).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void CodeTable_HeaderCodeAsTheEvent_LineCodeAsTheEvent_Refused()
    {
        var translator = new OemCodeTranslator(new TestOptions<OemCodeOptions>(Codes()));
        var header = new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = "AC" } };
        var line = new JsonObject { ["oemCode"] = new JsonObject { ["scheme"] = "X12-855", ["code"] = "BP" } };

        Assert.Empty(translator.Translate(_type, header));
        Assert.Equal("Acknowledged", header["type"]!.GetValue<string>());
        Assert.Equal(OemCodeTranslator.UnknownCode, translator.Translate(_type, line).Single().Code);
        Assert.Equal(("PartialBackordered", null), translator.TranslateLineStatus(_type, "x12-855", "BP", "/a"));
    }

    private Hub.Alerts.AlertRule Rule(string code) => _type.AlertRules.Single(r => r.Code == code);
}
