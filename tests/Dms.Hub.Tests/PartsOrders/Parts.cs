using System.Text.Json.Nodes;
using Dms.Hub.OemCodes;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.PartsOrders.Rules;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.PartsOrders;

/// <summary>Parts orders against the demo part master of <c>./dms run</c> (appsettings.Demo.json) and the seeded X12 855 code table.</summary>
internal static class Parts
{
    public static PartsOrderOptions DemoPolicy()
    {
        var options = new PartsOrderOptions();
        Settings("appsettings.Demo.json").GetSection(PartsOrderOptions.Section).Bind(options);
        return options;
    }

    public static OemCodeOptions Codes()
    {
        var options = new OemCodeOptions();
        Settings("appsettings.json").GetSection(OemCodeOptions.Section).Bind(options);
        return options;
    }

    public static PartsOrderType Type(PartsOrderOptions? policy = null, TimeProvider? clock = null)
    {
        var monitor = new TestOptions<PartsOrderOptions>(policy ?? DemoPolicy());
        var parts = new PartMaster(monitor);
        var partsPolicy = new PartsPolicy(monitor);
        return new PartsOrderType([new PartMasterRule(parts), new OrderTermsRule(partsPolicy)], parts, partsPolicy,
            new OemCodeTranslator(new TestOptions<OemCodeOptions>(Codes())), clock ?? new FakeTimeProvider(Contexts.Now));
    }

    /// <summary>A stock order (number PO-1) with the given lines, numbered 1, 2, ….</summary>
    public static JsonObject Order(params (string Part, int Quantity)[] lines) => new()
    {
        ["dealerOrderNumber"] = "PO-1",
        ["orderType"] = "Stock",
        ["lines"] = new JsonArray([.. lines.Select((l, i) => (JsonNode)new JsonObject { ["lineNumber"] = i + 1, ["partNumber"] = l.Part, ["quantity"] = l.Quantity })]),
    };

    public static async Task<List<ValidationError>> CheckAsync(JsonObject order, PartsOrderType? type = null)
    {
        type ??= Type();
        var canonical = type.Canonicalize(order)!;
        return [.. (await type.CheckAsync(canonical, Contexts.Rule(), CancellationToken.None)).Errors];
    }

    /// <summary>The order as the hub stores it after intake (canonical body, Submitted at <see cref="Contexts.Now"/>).</summary>
    public static DocumentRecord Stored(PartsOrderType type, JsonObject order) => new()
    {
        TrackingId = "D001-01K0000000000000000000000",
        DocumentType = PartsOrderType.TypeName,
        DealerCode = "D001",
        DocumentNumber = order["dealerOrderNumber"]!.GetValue<string>(),
        Status = PartsOrderStates.Submitted,
        SubmittedAt = Contexts.Now,
        Body = type.Canonicalize(order)!.Body,
    };

    /// <summary>Plans an OEM event and, if it is accepted, applies it as the hub would (status included).</summary>
    public static OemEventPlan Event(this DocumentRecord order, PartsOrderType type, JsonObject oemEvent)
    {
        var plan = type.PlanOemEvent(order, oemEvent);
        if (plan.Errors.Count == 0)
        {
            plan.Apply?.Invoke(order);
            if (plan.RecordAs is null)
            {
                Assert.True(type.States.TryFire(order.Status, plan.Trigger, out var transition), $"{order.Status} → {plan.Trigger} is not an edge");
                order.Status = transition.To;
            }
        }

        return plan;
    }

    /// <summary>Plans a dealer command and, if it is accepted, applies it as the hub would.</summary>
    public static async Task<CommandPlan> CommandAsync(this DocumentRecord order, PartsOrderType type, string name, JsonObject body, DateTimeOffset? at = null)
    {
        var command = type.Commands.Single(c => c.Name == name);
        var context = Contexts.Rule(resubmission: true) with { Now = at ?? Contexts.Now };
        var plan = await command.PlanAsync(order, body, context, CancellationToken.None);
        if (plan.Errors.Count == 0)
        {
            plan.Apply?.Invoke(order);
            Assert.True(type.States.TryFire(order.Status, plan.Trigger, out var transition), $"{order.Status} → {plan.Trigger} is not an edge");
            order.Status = transition.To;
        }

        return plan;
    }

    public static OrderState State(this DocumentRecord order, PartsOrderType type) => type.State(order);

    public static JsonObject Ack(params (int Line, JsonObject[] Allocations)[] lines) => new()
    {
        ["type"] = "Acknowledged",
        ["acknowledgement"] = new JsonObject
        {
            ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l.Line, ["allocations"] = new JsonArray([.. l.Allocations]) })]),
        },
    };

    public static JsonObject Allocation(string status, int? quantity = null, string? depot = "PDC-EAST", string? part = null, string? reasonCode = null) => new()
    {
        ["status"] = status,
        ["reasonCode"] = reasonCode,
        ["quantity"] = quantity,
        ["depot"] = status is "Accepted" or "Substituted" or "PartialBackordered" or "QuantityChanged" ? depot : null,
        ["promisedShipDate"] = status is "Accepted" or "Substituted" or "PartialBackordered" or "QuantityChanged" ? "2026-11-25" : null,
        ["expectedShipDate"] = status is "Backordered" or "PartialBackordered" ? "2026-12-05" : null,
        ["partNumber"] = part,
    };

    public static JsonObject Ship(string shipmentId, params (int Line, int Quantity)[] lines) => new()
    {
        ["type"] = "ShipNotice",
        ["shipNotice"] = new JsonObject
        {
            ["shipmentId"] = shipmentId,
            ["shipDate"] = "2026-11-22",
            ["lines"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject { ["lineNumber"] = l.Line, ["quantity"] = l.Quantity })]),
        },
    };

    private static IConfiguration Settings(string file) => new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, file)).Build();
}
