using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Functions.Http;

/// <summary>
/// Suggested stock orders read back, and the nightly auto-submission operators can run for a day. Making and confirming
/// a suggestion are dealer services (RequestPartsOrderSuggestion, ConfirmPartsOrderSuggestion), mapped with the others.
/// </summary>
internal static class PartsSuggestionEndpoints
{
    public static void MapPartsSuggestionEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup(PartsSuggestions.Path).WithTags("Parts orders").RequireAuthorization(Callers.DealerPolicy);
        group.MapGet("/{suggestionId}", async (HttpContext context, string suggestionId, PartsSuggestions suggestions) =>
                await suggestions.GetAsync(context.User.Id(), suggestionId, context.RequestAborted) is { } suggestion ? Json(PartsSuggestions.View(suggestion), 200) : Problems.NotFound(context))
            .WithSummary("A suggestion with its lines and draft orders");
        api.MapPost("/admin/parts-suggestions/nightly-runs", RunNightlyAsync).WithTags("Operations").RequireAuthorization(Callers.AdminPolicy)
            .WithSummary("Run the nightly suggested-order submission now (?day=YYYY-MM-DD, default today); dealers done that day are skipped");
    }

    private static async Task<IResult> RunNightlyAsync(HttpContext context, NightlySuggestions nightly, TimeProvider clock)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (context.Request.Query["day"].ToString() is { Length: > 0 } given && !DateOnly.TryParseExact(given, "yyyy-MM-dd", out day))
        {
            return Problems.BadQuery(context, "day", "day is a date (YYYY-MM-DD); left out: today (UTC).");
        }

        var report = await nightly.RunForAsync(day, context.RequestAborted);
        return Results.Content(JsonSerializer.Serialize(report, HubJson.Options), "application/json");
    }

    private static IResult Json(JsonObject body, int status) => Results.Content(body.ToJsonString(), "application/json", statusCode: status);
}
