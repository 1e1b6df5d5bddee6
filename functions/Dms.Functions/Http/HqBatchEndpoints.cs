using System.Text.Json.Nodes;
using Dms.Hub.Batches;
using Dms.Hub.Common;

namespace Dms.Functions.Http;

/// <summary>
/// HQ sees the files of the dealers in its scope (a dealer's failed file, its errors); another region's are 404s. The
/// values of personal columns (buyer name, e-mail, phone) are masked for HQ (RELIABILITY.md E9).
/// </summary>
internal static class HqBatchEndpoints
{
    private const string BasePath = "/api/v1/hq/batches";

    public static void MapHqBatchEndpoints(this IEndpointRouteBuilder api)
    {
        var hq = api.MapGroup("/hq").WithTags("HQ").RequireAuthorization(Callers.HqPolicy);
        hq.MapGet("/dealers/{code}/batches", async (HttpContext context, string code, IBatchStore batches) =>
            await InScopeAsync(context, code) is not { } dealer
                ? Problems.NotFound(context)
                : BatchEndpoints.Json(new JsonObject { ["items"] = new JsonArray((await batches.ListAsync(dealer, 50, context.RequestAborted)).Select(b => (JsonNode)BatchViews.View(b, BasePath)).ToArray()) }))
            .WithSummary("A dealer's latest batch files (another region's dealer is a 404)");
        hq.MapGet("/batches/{id}", async (HttpContext context, string id, IBatchStore batches) =>
            await InScopeAsync(context, DealerOf(id)) is { } dealer && await batches.GetAsync(dealer, id, context.RequestAborted) is { } batch
                ? BatchEndpoints.Json(BatchViews.View(batch, BasePath))
                : Problems.NotFound(context))
            .WithSummary("A dealer's batch, as the dealer sees it");
        hq.MapGet("/batches/{id}/errors", async (HttpContext context, string id, IBatchStore batches, BatchFiles files, BatchJobs jobs) =>
            await InScopeAsync(context, DealerOf(id)) is { } dealer ? await BatchEndpoints.ErrorsAsync(context, dealer, id, batches, files, jobs, maskPersonalData: true) : Problems.NotFound(context))
            .WithSummary("A dealer's row errors (personal data masked)");
        hq.MapGet("/batches/{id}/errors.csv", async (HttpContext context, string id, IBatchStore batches, BatchFiles files, BatchJobs jobs) =>
            await InScopeAsync(context, DealerOf(id)) is { } dealer ? await BatchEndpoints.ErrorsCsvAsync(context, dealer, id, batches, files, jobs, maskPersonalData: true) : Problems.NotFound(context))
            .WithSummary("A dealer's rows with errors, as CSV (personal data masked)");
    }

    private static string DealerOf(string id) => TrackingIds.TryParse(id, out var dealer) ? dealer : string.Empty;

    private static async Task<string?> InScopeAsync(HttpContext context, string code) =>
        code.Length > 0 && await HqEndpoints.ScopeAsync(context) is { } scope && await HqEndpoints.DealerInScopeAsync(context, scope, code) is { } dealer ? dealer.Code : null;
}
