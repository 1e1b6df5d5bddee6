using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Functions.Http;

/// <summary>
/// What the hub holds of a dealer's stock: the latest snapshot and one part's figures. Snapshots arrive through the
/// dealer service SubmitPartsInventory (<c>POST /api/v1/parts-inventory</c>, mapped with the other dealer services).
/// </summary>
internal static class PartsInventoryEndpoints
{
    private const string Path = "/parts-inventory";

    public static void MapPartsInventoryEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup(Path).WithTags("Parts inventory").RequireAuthorization(Callers.DealerPolicy);
        group.MapGet("", async (HttpContext context, IPartsInventoryStore store) =>
                await store.GetHeadAsync(context.User.Id(), context.RequestAborted) is { } head ? Json(Head(head)) : NoInventory(context))
            .WithSummary("The latest snapshot the hub holds for you");
        group.MapGet("/parts/{partNumber}", PartAsync)
            .WithSummary("One part's stock and its suggestion figures (demand, safety stock, reorder point, order-up-to level)");
    }

    public static IResult NoInventory(HttpContext context) =>
        Problems.Create(context, 409, PartsErrorCodes.NoInventory, "No stock data", "The hub holds no stock snapshot for you yet: send a full one to POST /api/v1/parts-inventory.");

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

    private static JsonNode? Node<T>(T? value) => value is null ? null : JsonSerializer.SerializeToNode(value, HubJson.Options);

    private static IResult Json(JsonObject body) => Results.Content(body.ToJsonString(), "application/json");
}
