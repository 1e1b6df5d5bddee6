using System.Text.Json.Nodes;
using Dms.Hub.Batches;
using Microsoft.AspNetCore.Http.Features;

namespace Dms.Functions.Http;

/// <summary>
/// The batch channel: a dealer uploads a file of documents (CSV: <c>text/csv</c>, or one file in a multipart form) and
/// follows its processing — status, progress, row errors as JSON or as the file's own rows with error columns, and
/// what each document became. Layouts and templates are public.
/// </summary>
internal static class BatchEndpoints
{
    public const string BasePath = "/api/v1/batches";

    public static void MapBatchEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/batches").WithTags("Batches").RequireAuthorization(Callers.DealerPolicy);
        group.MapPost("", BatchUploadEndpoint.UploadAsync)
            .WithSummary("Upload a file of documents (?documentType=…); processed asynchronously")
            .WithDescription("Body: text/csv (UTF-8, with or without BOM; comma, semicolon or tab) or multipart/form-data with one CSV file. 202 with the batch; then GET its link. 413 beyond the size limit, 415 for anything but UTF-8 CSV, 422 for a header that does not fit the layout or a file without data rows. An Idempotency-Key with the same file answers with the same batch.");
        group.MapGet("", async (HttpContext context, IBatchStore batches) =>
            Json(new JsonObject { ["items"] = new JsonArray((await batches.ListAsync(context.User.Id(), 50, context.RequestAborted)).Select(b => (JsonNode)BatchViews.View(b, BasePath)).ToArray()) }))
            .WithSummary("Your latest batches, newest first");
        group.MapGet("/{id}", async (HttpContext context, string id, IBatchStore batches) =>
            await batches.GetAsync(context.User.Id(), id, context.RequestAborted) is { } batch ? Json(BatchViews.View(batch, BasePath)) : Problems.NotFound(context))
            .WithSummary("A batch: status, progress, timings, errors per column and per code");
        group.MapGet("/{id}/errors", (HttpContext context, string id, IBatchStore batches, BatchFiles files, BatchJobs jobs) => ErrorsAsync(context, context.User.Id(), id, batches, files, jobs, maskPersonalData: false))
            .WithSummary("Row errors as JSON (row, line, column, value, code, message), paged with offset and limit, with the per-column summary");
        group.MapGet("/{id}/errors.csv", (HttpContext context, string id, IBatchStore batches, BatchFiles files, BatchJobs jobs) => ErrorsCsvAsync(context, context.User.Id(), id, batches, files, jobs, maskPersonalData: false))
            .WithSummary("The rows with errors: the file's own columns plus error_row, error_line, error_columns, error_codes, error_messages");
        group.MapGet("/{id}/results", ResultsAsync).WithSummary("What each imported document became (tracking ID, replayed or new, rejected), paged");

        var layouts = api.MapGroup("/batches/layouts").WithTags("Batches").AllowAnonymous();
        layouts.MapGet("", (BatchTargets targets, BatchJobs jobs) => Json(new JsonObject
        {
            ["items"] = new JsonArray(targets.All.SelectMany(t => jobs.Formats.Where(f => f.Supports(t.Name)).Select(f => (JsonNode)new JsonObject
            {
                ["documentType"] = t.Name, ["format"] = f.Name, ["href"] = $"{BasePath}/layouts/{t.Name}", ["template"] = $"{BasePath}/layouts/{t.Name}/template",
                ["policy"] = jobs.PolicyFor(t) == BatchPolicy.RejectFile ? "reject-file" : "accept-valid-rows",
            })).ToArray()),
        })).WithSummary("The document types (and parts stock snapshots) that can be uploaded as files, with their layouts and templates");
        layouts.MapGet("/{documentType}", (HttpContext context, string documentType, BatchJobs jobs) =>
            jobs.Formats.FirstOrDefault(f => f.Supports(documentType)) is { } format
                ? Json((JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(format.Layout(documentType), Hub.Common.HubJson.Options)!)
                : Problems.NotFound(context))
            .WithSummary("A document type's file layout: columns, types, required, examples, how rows make documents");
        layouts.MapGet("/{documentType}/template", (HttpContext context, string documentType, BatchJobs jobs) =>
            jobs.Formats.FirstOrDefault(f => f.Supports(documentType)) is { } format
                ? Results.File(System.Text.Encoding.UTF8.GetBytes(format.Template(documentType)), "text/csv; charset=utf-8", documentType + ".csv")
                : Problems.NotFound(context))
            .WithSummary("A template file: the header and an example row");
        api.MapHqBatchEndpoints();
    }

    /// <param name="maskPersonalData">For HQ: the values of personal columns (buyer name, e-mail, phone) are masked.</param>
    public static async Task<IResult> ErrorsAsync(HttpContext context, string dealerCode, string id, IBatchStore batches, BatchFiles files, BatchJobs jobs, bool maskPersonalData)
    {
        if (await batches.GetAsync(dealerCode, id, context.RequestAborted) is not { } batch)
        {
            return Problems.NotFound(context);
        }

        var personal = maskPersonalData && jobs.Formats.FirstOrDefault(f => f.Name == batch.Format) is { } format
            ? format.Layout(batch.DocumentType).Columns.Where(c => c.Personal).Select(c => c.Name).ToHashSet()
            : [];

        if (!TryPage(context, out var offset, out var limit, out var problem))
        {
            return problem!;
        }

        var items = new JsonArray();
        var index = 0;
        await foreach (var error in files.ErrorsAsync(batch, context.RequestAborted))
        {
            if (index++ >= offset)
            {
                items.Add(BatchViews.Error(personal.Contains(error.Column) && error.Value is { Length: > 0 } ? error with { Value = "***" } : error));
                if (items.Count == limit)
                {
                    break;
                }
            }
        }

        var view = BatchViews.View(batch, BasePath);
        return Json(new JsonObject
        {
            ["batchId"] = batch.Id, ["status"] = batch.Status, ["total"] = batch.Errors, ["offset"] = offset, ["limit"] = limit,
            ["byColumn"] = view["errors"]!["byColumn"]!.DeepClone(), ["byCode"] = view["errors"]!["byCode"]!.DeepClone(), ["items"] = items,
        });
    }

    public static async Task<IResult> ErrorsCsvAsync(HttpContext context, string dealerCode, string id, IBatchStore batches, BatchFiles files, BatchJobs jobs, bool maskPersonalData)
    {
        if (await batches.GetAsync(dealerCode, id, context.RequestAborted) is not { } batch || jobs.Formats.FirstOrDefault(f => f.Name == batch.Format) is not { } format)
        {
            return Problems.NotFound(context);
        }

        return Results.Stream(async output =>
        {
            await using var file = await files.OpenFileAsync(batch, context.RequestAborted);
            await format.WriteErrorReportAsync(file, batch, files.ErrorsAsync(batch, context.RequestAborted), output, maskPersonalData, context.RequestAborted);
        }, "text/csv; charset=utf-8", $"{batch.Id}-errors.csv");
    }

    private static async Task<IResult> ResultsAsync(HttpContext context, string id, IBatchStore batches, BatchFiles files)
    {
        if (await batches.GetAsync(context.User.Id(), id, context.RequestAborted) is not { } batch)
        {
            return Problems.NotFound(context);
        }

        if (!TryPage(context, out var offset, out var limit, out var problem))
        {
            return problem!;
        }

        var items = new JsonArray();
        var index = 0;
        await foreach (var result in files.ReadLogAsync<BatchResult>(batch, BatchLogs.Results, context.RequestAborted))
        {
            if (index++ >= offset)
            {
                items.Add(BatchViews.Result(result));
                if (items.Count == limit)
                {
                    break;
                }
            }
        }

        return Json(new JsonObject { ["batchId"] = batch.Id, ["status"] = batch.Status, ["offset"] = offset, ["limit"] = limit, ["items"] = items });
    }

    private static bool TryPage(HttpContext context, out int offset, out int limit, out IResult? problem)
    {
        problem = null;
        offset = 0;
        limit = 100;
        var q = context.Request.Query;
        if ((q["offset"].ToString() is { Length: > 0 } o && (!int.TryParse(o, out offset) || offset < 0))
            || (q["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 1000)))
        {
            problem = Problems.BadQuery(context, "offset/limit", "offset ≥ 0 and limit 1–1000.");
            return false;
        }

        return true;
    }

    public static IResult Json(JsonObject body, int status = 200) => Results.Content(body.ToJsonString(), "application/json", statusCode: status);

    /// <summary>Kestrel's own body limit is lifted for uploads: the batch channel enforces its larger one while streaming.</summary>
    public static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }
    }
}
