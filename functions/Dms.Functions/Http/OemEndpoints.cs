using Dms.Hub.Intake;
using Dms.Hub.Registry;

namespace Dms.Functions.Http;

/// <summary>Where the OEM's back-end systems post their events (decisions, payments, unwind answers).</summary>
internal static class OemEndpoints
{
    public static void MapOemEndpoints(this IEndpointRouteBuilder api, DocumentTypeRegistry registry)
    {
        var group = api.MapGroup("/oem").WithTags("OEM").RequireAuthorization(Callers.OemPolicy);
        foreach (var type in registry.All.Where(t => t.EventSchemaName is not null))
        {
            group.MapPost($"/{type.RouteSegment}/{{trackingId}}/events", (HttpContext context, string trackingId, RequestBody reader, OemEvents events) =>
                    PostEventAsync(context, type, trackingId, reader, events))
                .WithSummary($"Post an OEM event about a {type.Title.ToLowerInvariant()}")
                .WithDescription($"Body: schemas/{type.EventSchemaName}.schema.json. Illegal transitions answer 409; concurrent events are serialized with ETags.");
        }
    }

    private static async Task<IResult> PostEventAsync(HttpContext context, DocumentType type, string trackingId, RequestBody reader, OemEvents events)
    {
        if (!IdempotencyKeys.TryRead(context, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var (body, problem) = await reader.ReadJsonAsync(context, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        var request = new OemEventRequest(type, trackingId, body, key, context.Actor("oem", "oem"));
        return IntakeResults.ToHttp(context, await events.ApplyAsync(request, context.RequestAborted), type, StatusCodes.Status200OK);
    }
}
