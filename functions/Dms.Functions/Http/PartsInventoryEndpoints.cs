using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Functions.Http;

/// <summary>
/// Dealers' stock snapshots (<c>POST /api/v1/parts-inventory</c>), the latest one, and one part's figures. A snapshot is
/// taken by <see cref="PartsInventory"/>, the same service a CSV or SOAP channel calls.
/// </summary>
internal static class PartsInventoryEndpoints
{
    public const string Path = "/parts-inventory";

    public static void MapPartsInventoryEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup(Path).WithTags("Parts inventory").RequireAuthorization(Callers.DealerPolicy);
        group.MapPost("", SubmitAsync)
            .WithSummary("Send a stock snapshot (full, or incremental after the latest one)")
            .WithDescription("Body: schemas/parts-inventory.v1.schema.json. 201 when stored, 200 for a resend of the same snapshot, 409 INVENTORY_SEQUENCE_GAP when an incremental snapshot does not follow the latest one (send a full one), 409 SNAPSHOT_ID_REUSED for an ID used with other content.");
        group.MapGet("", async (HttpContext context, IPartsInventoryStore store) =>
                await store.GetHeadAsync(context.User.Id(), context.RequestAborted) is { } head ? Json(Head(head)) : NoInventory(context))
            .WithSummary("The latest snapshot the hub holds for you");
        group.MapGet("/parts/{partNumber}", PartAsync)
            .WithSummary("One part's stock and its suggestion figures (demand, safety stock, reorder point, order-up-to level)");
    }

    public static IResult NoInventory(HttpContext context) =>
        Problems.Create(context, 409, PartsErrorCodes.NoInventory, "No stock data", "The hub holds no stock snapshot for you yet: send a full one to POST /api/v1/parts-inventory.");

    private static async Task<IResult> SubmitAsync(HttpContext context, RequestBody reader, PartsInventory inventory, PartsPolicy policy)
    {
        var (body, problem) = await reader.ReadJsonAsync(context, context.RequestAborted, policy.Options.MaxSnapshotBytes);
        if (problem is not null)
        {
            return problem;
        }

        var result = await inventory.SubmitJsonAsync(await context.DealerAsync(), body, context.RequestAborted);
        switch (result.Kind)
        {
            case InventoryResultKind.Accepted:
                var record = result.Snapshot!;
                if (result.Replayed)
                {
                    context.Response.Headers[IntakeResults.ReplayHeader] = "true";
                }

                context.Response.Headers.Location = "/api/v1" + Path;
                return Results.Content(Snapshot(record).ToJsonString(), "application/json", statusCode: result.Replayed ? 200 : 201);
            case InventoryResultKind.SequenceGap:
                return Problems.Create(context, 409, result.Code!, "Snapshot out of sequence", result.Message,
                    extend: b => b["expectedPreviousSnapshotId"] = result.ExpectedPreviousSnapshotId);
            case InventoryResultKind.Conflict:
                return Problems.Create(context, 409, result.Code!, "Conflict", result.Message);
            case InventoryResultKind.Malformed:
                return Problems.Create(context, 400, result.Code!, "Malformed request", result.Message, result.Errors);
            default:
                return Problems.Create(context, 422, result.Code!, "Validation failed", result.Message, result.Errors);
        }
    }

    private static async Task<IResult> PartAsync(HttpContext context, string partNumber, IPartsInventoryStore store, PartMaster parts, PartsPolicy policy)
    {
        var dealer = context.User.Id();
        if (await store.GetHeadAsync(dealer, context.RequestAborted) is not { } head)
        {
            return NoInventory(context);
        }

        var position = await store.ReadPositionAsync(dealer, head, context.RequestAborted);
        var successor = parts.Current(partNumber)?.PartNumber ?? partNumber;
        var only = new HashSet<string>([partNumber, successor], StringComparer.Ordinal);
        var (lines, skipped) = new StockOrderSuggester(parts).Evaluate(position, policy.Options.Suggestions.For(dealer), only);
        var stock = position.Parts.TryGetValue(partNumber, out var own) ? own : null;
        var line = lines.FirstOrDefault(l => l.PartNumber == successor);
        var reason = skipped.FirstOrDefault(s => s.PartNumber == partNumber);
        if (stock is null && line is null)
        {
            return Problems.NotFound(context);
        }

        return Json(new JsonObject
        {
            ["partNumber"] = partNumber,
            ["snapshotId"] = head.SnapshotId,
            ["stock"] = Node(stock),
            ["suggestion"] = Node(line),
            ["skipped"] = Node(reason),
        });
    }

    private static JsonObject Head(InventoryHead head) => new()
    {
        ["snapshotId"] = head.SnapshotId,
        ["previousSnapshotId"] = head.PreviousSnapshotId,
        ["sequence"] = head.Sequence,
        ["kind"] = head.Kind,
        ["asOf"] = head.AsOf,
        ["stockedParts"] = head.PartCount,
        ["receivedAt"] = head.ReceivedAt,
    };

    private static JsonObject Snapshot(SnapshotRecord record) => new()
    {
        ["snapshotId"] = record.SnapshotId,
        ["previousSnapshotId"] = record.PreviousSnapshotId,
        ["sequence"] = record.Sequence,
        ["kind"] = record.Kind,
        ["asOf"] = record.AsOf,
        ["partsInSnapshot"] = record.PartCount,
        ["stockedParts"] = record.StockedParts,
        ["receivedAt"] = record.ReceivedAt,
        ["links"] = new JsonObject { ["inventory"] = "/api/v1" + Path, ["suggestions"] = "/api/v1/parts-orders/suggestions" },
    };

    private static JsonNode? Node<T>(T? value) => value is null ? null : JsonSerializer.SerializeToNode(value, HubJson.Options);

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}
