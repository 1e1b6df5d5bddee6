using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Functions.Http;

/// <summary>
/// The dealer API, generated from the registry: for each document type, submit, read, list and its commands.
/// A new document type gets its endpoints without a line here.
/// </summary>
internal static class DocumentEndpoints
{
    private const int DefaultPageSize = 25;
    private const int MaxPageSize = 100;

    public static void MapDocumentEndpoints(this IEndpointRouteBuilder api, DocumentTypeRegistry registry)
    {
        foreach (var type in registry.All)
        {
            var group = api.MapGroup("/" + type.RouteSegment).WithTags(type.Title + "s").RequireAuthorization(Callers.DealerPolicy);
            group.MapPost("", (HttpContext context, RequestBody body, DocumentIntake intake) => SubmitAsync(context, type, body, intake))
                .Accepts(type.ModelType, "application/json")
                .WithSummary($"Submit a {type.Title.ToLowerInvariant()}")
                .WithDescription("Answers 202 once the document is durably stored. Idempotent on the Idempotency-Key header and on the document number.");
            group.MapGet("/{trackingId}", (HttpContext context, string trackingId, IDocumentStore store, VehicleRegistry vehicles) => GetAsync(context, type, trackingId, store, vehicles, registry))
                .WithSummary($"Read a {type.Title.ToLowerInvariant()} with its status, OEM data and timeline");
            group.MapGet("", (HttpContext context, IDocumentStore store) => ListAsync(context, type, store, context.User.Id()))
                .WithSummary($"List your {type.Title.ToLowerInvariant()}s (oldest first)")
                .WithDescription("Filters: status, from, to" + string.Concat(ListFilters.Parameters(type).Select(p => ", " + p)) + "; paged with pageSize and continuationToken.");
            foreach (var command in type.Commands)
            {
                group.MapPost("/{trackingId}/" + command.Name, (HttpContext context, string trackingId, RequestBody body, DocumentCommands commands) =>
                        ExecuteAsync(context, type, command, trackingId, body, commands))
                    .WithSummary(command.Summary);
            }
        }
    }

    private static async Task<IResult> SubmitAsync(HttpContext context, DocumentType type, RequestBody reader, DocumentIntake intake)
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

        var submission = new Submission(type, await context.DealerAsync(), body, context.Request.ContentType!, key, context.Actor("dealer"));
        return IntakeResults.ToHttp(context, await intake.SubmitAsync(submission, context.RequestAborted), type);
    }

    private static async Task<IResult> ExecuteAsync(HttpContext context, DocumentType type, DocumentCommand command, string trackingId, RequestBody reader, DocumentCommands commands)
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

        var request = new CommandRequest(type, await context.DealerAsync(), trackingId, command.Name, body, key, context.Actor("dealer"));
        return IntakeResults.ToHttp(context, await commands.ExecuteAsync(request, context.RequestAborted), type);
    }

    private static async Task<IResult> GetAsync(HttpContext context, DocumentType type, string trackingId, IDocumentStore store, VehicleRegistry vehicles, DocumentTypeRegistry registry)
    {
        var document = TrackingIds.TryParse(trackingId, out _)
            ? await store.GetAsync(context.User.Id(), type.Name, trackingId, context.RequestAborted)
            : null;
        if (document is null)
        {
            return Problems.NotFound(context);
        }

        var view = DocumentViews.Full(type, document);
        if (type.VinOf(document) is { } vin)
        {
            var related = await vehicles.DocumentsAboutAsync(vin, document.DealerCode, context.RequestAborted);
            view["vehicle"] = DocumentViews.Vehicle(vin, related.Where(r => r.TrackingId != document.TrackingId), registry);
        }

        return Results.Content(view.ToJsonString(), "application/json");
    }

    /// <summary>One page of <paramref name="dealerCode"/>'s documents of <paramref name="type"/> (null: every dealer's) as the query filters them.</summary>
    /// <param name="forOperators">Each item names its dealer.</param>
    internal static async Task<IResult> ListAsync(HttpContext context, DocumentType type, IDocumentStore store, string? dealerCode, bool forOperators = false)
    {
        var q = context.Request.Query;
        var status = q["status"].ToString() is { Length: > 0 } s ? s : null;
        if (status is not null && !type.States.States.Contains(status))
        {
            return Problems.BadQuery(context, "status", $"Unknown status '{status}'. Known: {string.Join(", ", type.States.States.Order(StringComparer.Ordinal))}.");
        }

        if (!TryTime(q["from"], out var from) || !TryTime(q["to"], out var to))
        {
            return Problems.BadQuery(context, "from/to", "Use ISO 8601 dates or timestamps, e.g. 2026-11-01 or 2026-11-01T08:00:00Z.");
        }

        if (!ListFilters.TryRead(type, q, out var filters, out var badFilter))
        {
            return Problems.BadQuery(context, badFilter.Parameter, badFilter.Message);
        }

        var pageSize = DefaultPageSize;
        if (q["pageSize"].ToString() is { Length: > 0 } size && (!int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return Problems.BadQuery(context, "pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        DocumentPage page;
        try
        {
            var token = q["continuationToken"].ToString() is { Length: > 0 } t ? t : null;
            page = await store.ListAsync(new DocumentQuery(dealerCode, type.Name, status, from, to, pageSize, token, filters), context.RequestAborted);
        }
        catch (FormatException)
        {
            return Problems.BadQuery(context, "continuationToken", "The continuation token is not one this API issued.");
        }

        var body = new JsonObject
        {
            ["items"] = new JsonArray(page.Items.Select(i => (JsonNode)DocumentViews.Summary(type, i, withDealer: forOperators)).ToArray()),
            ["continuationToken"] = page.ContinuationToken,
        };
        return Results.Content(body.ToJsonString(), "application/json");
    }

    private static bool TryTime(Microsoft.Extensions.Primitives.StringValues value, out DateTimeOffset? time)
    {
        time = null;
        if (value.Count == 0 || value.ToString().Length == 0)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
