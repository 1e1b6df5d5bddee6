using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Functions.Http;

/// <summary>
/// Operators (OEM headquarters) list any document type across dealers, with the same filters dealers have —
/// <c>GET /api/v1/admin/parts-orders?ackOverdue=true</c> — optionally for one dealer (<c>dealerCode=</c>).
/// Generated from the registry, like the dealer API.
/// </summary>
internal static class AdminDocumentEndpoints
{
    public static void MapAdminDocumentEndpoints(this IEndpointRouteBuilder api, DocumentTypeRegistry registry)
    {
        var group = api.MapGroup("/admin").WithTags("Operations").RequireAuthorization(Callers.AdminPolicy);
        foreach (var type in registry.All)
        {
            group.MapGet("/" + type.RouteSegment, (HttpContext context, IDocumentStore store) =>
                {
                    var dealer = context.Request.Query["dealerCode"].ToString() is { Length: > 0 } code ? code : null;
                    return dealer is not null && !DealerCodes.IsValid(dealer)
                        ? Task.FromResult(Problems.BadQuery(context, "dealerCode", "Not a valid dealer code."))
                        : DocumentEndpoints.ListAsync(context, type, store, dealer, forOperators: true);
                })
                .WithSummary($"List {type.Title.ToLowerInvariant()}s across dealers (operators)")
                .WithDescription("Filters: dealerCode, status, from, to" + string.Concat(ListFilters.Parameters(type).Select(p => ", " + p)) + "; paged with pageSize and continuationToken. Without dealerCode the order is by storage partition, not by time.");
        }
    }
}
