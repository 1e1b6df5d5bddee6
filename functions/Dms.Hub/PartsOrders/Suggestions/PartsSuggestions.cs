using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.PartsOrders.Inventory;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders.Suggestions;

/// <summary>
/// Suggested stock orders: made from the dealer's latest snapshot with its parameters, stored, and confirmed by the
/// dealer — each draft becomes a normal parts order (source suggested) through the same intake as any order, under an
/// Idempotency-Key derived from the suggestion, so confirming twice answers with the same orders.
/// </summary>
public sealed class PartsSuggestions(IPartsInventoryStore store, PartMaster parts, PartsPolicy policy, DocumentIntake intake, PartsOrderType type, TimeProvider clock)
{
    /// <summary>Where suggestions live under the dealer API (<c>/api/v1</c>).</summary>
    public const string Path = "/parts-orders/suggestions";

    /// <summary>A suggestion as dealers read it (schemas/parts-order-suggestion.v1.schema.json), with its links.</summary>
    public static JsonObject View(Suggestion suggestion)
    {
        var view = JsonSerializer.SerializeToNode(suggestion, HubJson.Options)!.AsObject();
        view["links"] = new JsonObject { ["self"] = Href(suggestion.SuggestionId), ["confirm"] = Href(suggestion.SuggestionId) + "/confirm" };
        return view;
    }

    public static string Href(string suggestionId) => Registry.DocumentAction.ApiBase + Path + "/" + suggestionId;

    /// <summary>A new suggestion for <paramref name="dealerCode"/>, stored; null when the hub holds no stock snapshot for it.</summary>
    public async Task<Suggestion?> CreateAsync(string dealerCode, SuggestionDraft draft, IReadOnlySet<string>? only, CancellationToken cancellationToken)
    {
        if (await store.GetHeadAsync(dealerCode, cancellationToken) is not { } head)
        {
            return null;
        }

        var suggestion = Build(dealerCode, head, await store.ReadPositionAsync(dealerCode, head, cancellationToken), draft, only);
        await store.SaveSuggestionAsync(suggestion, cancellationToken);
        return suggestion;
    }

    /// <summary>A suggestion from a position already read, with the dealer's parameters (not stored).</summary>
    public Suggestion Build(string dealerCode, InventoryHead head, StockPosition position, SuggestionDraft draft, IReadOnlySet<string>? only = null)
    {
        var options = policy.Options.Suggestions;
        return new StockOrderSuggester(parts).Suggest(dealerCode, head, position, options.For(dealerCode), draft, clock.GetUtcNow(), options.ValidFor, options.MaxLinesPerOrder, only);
    }

    public Task<Suggestion?> GetAsync(string dealerCode, string suggestionId, CancellationToken cancellationToken) =>
        Common.Ids.IsUlid(suggestionId) ? store.GetSuggestionAsync(dealerCode, suggestionId, cancellationToken) : Task.FromResult<Suggestion?>(null);

    /// <summary>
    /// Submits the suggestion's drafts as orders (without <paramref name="exclude"/>d parts, numbered
    /// <paramref name="orderNumber"/> if given). A repeat of an earlier confirmation gets its answers, even once expired.
    /// </summary>
    public async Task<Confirmation> ConfirmAsync(Dealer dealer, Suggestion suggestion, string? orderNumber, IReadOnlySet<string> exclude, Actor actor, CancellationToken cancellationToken)
    {
        var drafts = Drafts(suggestion, orderNumber, exclude);
        if (drafts.Count == 0)
        {
            return new Confirmation(ConfirmationOutcome.Empty, []);
        }

        var keys = drafts.Select((_, i) => $"suggestion:{suggestion.SuggestionId}:{i + 1}").ToList();
        if (clock.GetUtcNow() > suggestion.ValidUntil && !await store.IsMarkedAsync(dealer.Code, "confirmed|" + suggestion.SuggestionId, cancellationToken))
        {
            return new Confirmation(ConfirmationOutcome.Expired, []);
        }

        var results = await SubmitAsync(dealer, drafts, keys, actor, cancellationToken);
        if (results.All(r => r.Kind == IntakeResultKind.Accepted))
        {
            await store.TryMarkAsync(dealer.Code, "confirmed|" + suggestion.SuggestionId, cancellationToken);
        }

        return new Confirmation(ConfirmationOutcome.Submitted, results);
    }

    /// <summary>Submits draft orders through the intake, one Idempotency-Key each.</summary>
    public async Task<IReadOnlyList<IntakeResult>> SubmitAsync(Dealer dealer, IReadOnlyList<JsonObject> drafts, IReadOnlyList<string> keys, Actor actor, CancellationToken cancellationToken)
    {
        var results = new List<IntakeResult>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var body = Encoding.UTF8.GetBytes(drafts[i].ToJsonString());
            results.Add(await intake.SubmitAsync(new Submission(type, dealer, body, "application/json", keys[i], actor), cancellationToken));
        }

        return results;
    }

    private static List<JsonObject> Drafts(Suggestion suggestion, string? orderNumber, IReadOnlySet<string> exclude)
    {
        var drafts = new List<JsonObject>();
        foreach (var original in suggestion.Drafts)
        {
            var draft = original.DeepClone().AsObject();
            var kept = draft["lines"]!.AsArray().Where(l => !exclude.Contains(l!["partNumber"]!.GetValue<string>())).Select(l => l!.DeepClone()).ToList();
            if (kept.Count == 0)
            {
                continue;
            }

            for (var i = 0; i < kept.Count; i++)
            {
                kept[i]["lineNumber"] = i + 1;
            }

            draft["lines"] = new JsonArray([.. kept]);
            if (orderNumber is not null)
            {
                draft["dealerOrderNumber"] = drafts.Count == 0 ? orderNumber : $"{orderNumber}-{drafts.Count + 1}";
            }

            drafts.Add(draft);
        }

        return drafts;
    }
}

public enum ConfirmationOutcome
{
    Submitted,
    Expired,

    /// <summary>Nothing left to order (no lines, or every line excluded).</summary>
    Empty,
}

public sealed record Confirmation(ConfirmationOutcome Outcome, IReadOnlyList<IntakeResult> Orders);
