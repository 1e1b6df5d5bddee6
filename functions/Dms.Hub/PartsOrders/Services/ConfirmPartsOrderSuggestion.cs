using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.PartsOrders.Suggestions;
using Dms.Hub.Registry;
using Dms.Hub.Services;
using Dms.Hub.Validation;
using Dms.Hub.Views;

namespace Dms.Hub.PartsOrders.Services;

/// <summary>Confirms a suggestion: its drafts become parts orders (source suggested); confirming again answers with the same orders.</summary>
internal sealed class ConfirmPartsOrderSuggestion(PartsSuggestions suggestions, PartsOrderType type) : DealerService
{
    private const string SuggestionId = "suggestionId";

    public override string Name => "ConfirmPartsOrderSuggestion";

    public override string Summary => "Confirm a suggestion: its drafts become parts orders (source suggested); confirming again answers with the same orders";

    public override string Description =>
        "Optionally with your own order number and parts to leave out. Answers the orders submitted, each with its trackingId, " +
        "status and the commands it allows; a repeat of the same confirmation is answered with the same orders (replayed). " +
        "Refused with SUGGESTION_EXPIRED (Conflict) after validUntil, SUGGESTION_EMPTY (Rejected) when nothing is left to order, " +
        "and with the refused draft's errors when an order is refused (the orders already submitted are listed). Another " +
        "dealer's suggestion is NotFound.";

    public override string Route => PartsSuggestions.Path + "/{" + SuggestionId + "}/confirm";

    public override string Tag => "Parts orders";

    public override IReadOnlyList<ServiceParameter> Parameters { get; } =
    [
        new(SuggestionId, "The suggestionId the suggestion carried.", new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9A-HJKMNP-TV-Z]{26}$" }, "01KB3QC8E2G4J6M8P0R2T4W6Y8"),
    ];

    public override string RequestSchema => "parts-order-suggestion-confirmation.v1";

    public override bool BodyRequired => false;

    public override string ReplySchema => "parts-order-suggestion-confirmed.v1";

    public override async Task<ServiceResult> HandleAsync(ServiceRequest request, CancellationToken cancellationToken)
    {
        var dealer = request.Dealer;
        if (await suggestions.GetAsync(dealer.Code, request.Parameter(SuggestionId), cancellationToken) is not { } suggestion)
        {
            return ServiceResult.NotFound;
        }

        var exclude = Read<List<string>>(request.Body["excludePartNumbers"])?.ToHashSet(StringComparer.Ordinal) ?? [];
        var confirmation = await suggestions.ConfirmAsync(dealer, suggestion, Read<string>(request.Body["dealerOrderNumber"]), exclude, request.Actor, cancellationToken);
        if (confirmation.Outcome == ConfirmationOutcome.Expired)
        {
            return ServiceResult.Refused(ServiceOutcome.Conflict, PartsErrorCodes.SuggestionExpired, "Suggestion expired", $"The suggestion could be confirmed until {suggestion.ValidUntil:u}; ask for a new one.");
        }

        if (confirmation.Outcome == ConfirmationOutcome.Empty)
        {
            return ServiceResult.Refused(ServiceOutcome.Invalid, PartsErrorCodes.SuggestionEmpty, "Nothing to order", "The suggestion has no lines left to order.");
        }

        var reply = new JsonObject { [SuggestionId] = suggestion.SuggestionId, ["orders"] = Orders(confirmation.Orders) };
        var failures = confirmation.Orders.Select((r, i) => (Result: r, Index: i)).Where(x => x.Result.Kind != IntakeResultKind.Accepted).ToList();
        if (failures.Count == 0)
        {
            return new ServiceResult(ServiceOutcome.Accepted, reply, Replayed: confirmation.Orders.All(o => o.Replayed));
        }

        var errors = failures.SelectMany(f => (f.Result.Errors ?? [new ValidationError("", f.Result.Code ?? "REFUSED", f.Result.Message ?? "Refused.")])
            .Select(e => e with { Path = $"/drafts/{f.Index}{e.Path}" })).ToList();
        var conflict = failures.Any(f => f.Result.Kind == IntakeResultKind.Conflict);
        return new ServiceResult(conflict ? ServiceOutcome.Conflict : ServiceOutcome.Invalid, reply, failures[0].Result.Code ?? "VALIDATION_FAILED",
            "A draft order was refused; orders already accepted are listed.", errors, Title: "Draft refused");
    }

    private JsonArray Orders(IReadOnlyList<IntakeResult> results) =>
        new([.. results.Where(r => r.Kind == IntakeResultKind.Accepted).Select(r => (JsonNode)new JsonObject
        {
            ["trackingId"] = r.TrackingId,
            ["status"] = r.Status,
            ["replayed"] = r.Replayed,
            ["allowedActions"] = DocumentView.Actions(DocumentAction.For(type, r.TrackingId!, r.Status!)),
            ["links"] = DocumentAction.Links(type, r.TrackingId!, r.Status!),
        })]);

    private static T? Read<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(HubJson.Options);
}
