using Dms.Hub.Services;

namespace Dms.Functions.Http;

/// <summary>
/// The dealer services outside the document registry (stock snapshots, suggested stock orders), generated from their
/// declarations: <c>POST /api/v1{Route}</c> each, the body checked against its schema, the answer in HTTP terms. A new
/// service gets its endpoint (and its SOAP operation) without a line here.
/// </summary>
internal static class DealerServiceEndpoints
{
    public static void MapDealerServiceEndpoints(this IEndpointRouteBuilder api, DealerServices services)
    {
        foreach (var service in services.All)
        {
            var body = $"Body{(service.BodyRequired ? string.Empty : " (optional)")}: schemas/{service.RequestSchema}.schema.json; reply: schemas/{service.ReplySchema}.schema.json. ";
            api.MapPost(service.Route, (HttpContext context, RequestBody reader, DealerServices runner) => InvokeAsync(context, service, reader, runner))
                .WithTags(service.Tag)
                .RequireAuthorization(Callers.DealerPolicy)
                .WithSummary(service.Summary)
                .WithDescription(body + service.Description);
        }
    }

    private static async Task<IResult> InvokeAsync(HttpContext context, DealerService service, RequestBody reader, DealerServices runner)
    {
        ReadOnlyMemory<byte>? body = null;
        if (service.BodyRequired || context.Request.ContentLength > 0 || context.Request.ContentType is not null)
        {
            var (read, problem) = await reader.ReadJsonAsync(context, context.RequestAborted, service.MaxBodyBytes);
            if (problem is not null)
            {
                return problem;
            }

            body = read;
        }

        var parameters = service.Parameters.ToDictionary(p => p.Name, p => context.Request.RouteValues[p.Name]?.ToString() ?? string.Empty, StringComparer.Ordinal);
        var result = await runner.RunAsync(service, await context.DealerAsync(), context.Actor("dealer"), parameters, body, context.RequestAborted);
        return ToHttp(context, result);
    }

    /// <summary>Created: 201 (200 for a replay); Accepted: 202; refusals are problems carrying the result's details and reply.</summary>
    private static IResult ToHttp(HttpContext context, ServiceResult result)
    {
        if (result.Location is { } location)
        {
            context.Response.Headers.Location = location;
        }

        if (result.Succeeded)
        {
            if (result.Replayed)
            {
                context.Response.Headers[IntakeResults.ReplayHeader] = "true";
            }

            var status = result.Outcome == ServiceOutcome.Accepted ? 202 : result.Replayed ? 200 : 201;
            return Results.Content((result.Reply ?? []).ToJsonString(), "application/json", statusCode: status);
        }

        var (code, title) = result.Outcome switch
        {
            ServiceOutcome.Malformed => (400, "Malformed request"),
            ServiceOutcome.Invalid => (422, "Validation failed"),
            ServiceOutcome.Conflict => (409, "Conflict"),
            _ => (404, "Not found"),
        };
        return Problems.Create(context, code, result.Code ?? "REFUSED", result.Title ?? title, result.Message, result.Errors, extend: problem =>
        {
            foreach (var (name, value) in (result.Details ?? []).Concat(result.Reply ?? []))
            {
                problem[name] ??= value?.DeepClone();
            }
        });
    }
}
