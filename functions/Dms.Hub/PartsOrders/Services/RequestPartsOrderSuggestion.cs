using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders.Suggestions;
using Dms.Hub.Services;

namespace Dms.Hub.PartsOrders.Services;

/// <summary>A suggested stock order made from the dealer's latest snapshot, every line explained.</summary>
internal sealed class RequestPartsOrderSuggestion(PartsSuggestions suggestions) : DealerService
{
    public const string Path = PartsSuggestions.Path;

    public override string Name => "RequestPartsOrderSuggestion";

    public override string Summary => "Make a suggested stock order from your latest stock snapshot";

    public override string Description =>
        "Every field of the request is optional (only some parts, a requested ship date, a ship-to). Answers the suggestion: " +
        "each line with what decided it — demand d and deviation s, lead time L, safety stock, reorder point, order-up-to level, " +
        "position and quantity in whole packs —, the parts left out and why, and the draft orders it becomes when confirmed " +
        "(valid until validUntil). Refused with NO_INVENTORY (Conflict) while the hub holds no stock snapshot for you.";

    public override string Route => Path;

    public override string Tag => "Parts orders";

    public override string RequestSchema => "parts-order-suggestion-request.v1";

    public override bool BodyRequired => false;

    public override string ReplySchema => "parts-order-suggestion.v1";

    public override async Task<ServiceResult> HandleAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var body = request.Body;
        var draft = new SuggestionDraft(null, Read<DateOnly?>(body["requestedShipDate"]), Read<ShipTo>(body["shipTo"]));
        var only = Read<List<string>>(body["partNumbers"])?.ToHashSet(StringComparer.Ordinal);
        if (await suggestions.CreateAsync(request.Dealer.Code, draft, only, cancellationToken) is not { } suggestion)
        {
            return ServiceResult.Refused(ServiceOutcome.Conflict, PartsErrorCodes.NoInventory, "No stock data",
                "The hub holds no stock snapshot for you yet: send a full one (POST /api/v1/parts-inventory, SOAP SubmitPartsInventory).");
        }

        return new ServiceResult(ServiceOutcome.Created, PartsSuggestions.View(suggestion), Location: PartsSuggestions.Href(suggestion.SuggestionId));
    }

    private static T? Read<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(HubJson.Options);
}
