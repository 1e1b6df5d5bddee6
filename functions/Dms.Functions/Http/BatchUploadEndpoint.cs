using System.Text.Json.Nodes;
using Dms.Hub.Batches;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Dms.Functions.Http;

/// <summary><c>POST /batches?documentType=…</c>: the body (or a multipart form's file) streams into storage; nothing is buffered whole.</summary>
internal static class BatchUploadEndpoint
{
    public static async Task<IResult> UploadAsync(HttpContext context, BatchUploads uploads, BatchTargets targets)
    {
        if (!IdempotencyKeys.TryRead(context, out var key, out var keyProblem))
        {
            return keyProblem!;
        }

        var name = context.Request.Query["documentType"].ToString();
        if (targets.Find(name) is not { } type)
        {
            return Refused(context, new BatchFileProblem(400, "INVALID_QUERY", $"documentType is one of {string.Join(", ", targets.All.Select(t => t.Name))}."));
        }

        var dealer = await context.DealerAsync();
        if (!type.MaySubmit(dealer))
        {
            return Refused(context, new BatchFileProblem(403, "DOCUMENT_TYPE_NOT_ENABLED", $"Dealer {dealer.Code} is not enabled for {type.Title.ToLowerInvariant()}s."));
        }

        BatchEndpoints.LiftBodyLimit(context);
        var (content, mediaType, fileName, problem) = await OpenContentAsync(context);
        if (problem is not null)
        {
            return problem;
        }

        if (uploads.FormatFor(mediaType!) is not { } format)
        {
            return Refused(context, new BatchFileProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the file as text/csv (UTF-8), or as one file part of multipart/form-data."));
        }

        if (!format.Supports(type.Name))
        {
            return Refused(context, new BatchFileProblem(400, "INVALID_QUERY", $"{type.Title}s cannot be sent as {format.Name.ToUpperInvariant()} files."));
        }

        var declared = content == context.Request.Body ? context.Request.ContentLength : null;
        fileName ??= context.Request.Query["fileName"].ToString() is { Length: > 0 and <= 200 } named ? named : null;
        var result = await uploads.UploadAsync(new BatchUpload(dealer, type, format, content!, declared, fileName, key), context.RequestAborted);
        if (result.Problem is { } refused)
        {
            return Refused(context, refused);
        }

        var batch = result.Batch!;
        var self = $"{BatchEndpoints.BasePath}/{batch.Id}";
        context.Response.Headers.Location = self;
        if (result.Replayed)
        {
            context.Response.Headers[IntakeResults.ReplayHeader] = "true";
        }

        return BatchEndpoints.Json(BatchViews.View(batch, BatchEndpoints.BasePath), result.Replayed ? 200 : 202);
    }

    /// <summary>The body itself, or the first file part of a multipart form, with its media type and file name.</summary>
    private static async Task<(Stream? Content, string? MediaType, string? FileName, IResult? Problem)> OpenContentAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media) || media.MediaType.Value is not { } type)
        {
            return (null, null, null, Refused(context, new BatchFileProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the file as text/csv (UTF-8).")));
        }

        if (media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, null, Refused(context, new BatchFileProblem(415, "UNSUPPORTED_ENCODING", "Send the file as UTF-8.")));
        }

        if (!type.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (context.Request.Body, type, null, null);
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return (null, null, null, Refused(context, new BatchFileProblem(400, "BAD_MULTIPART", "The multipart form has no valid boundary.")));
        }

        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    var partType = section.ContentType is { Length: > 0 } t && MediaTypeHeaderValue.TryParse(t, out var part) ? part.MediaType.Value! : "text/csv";
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    // Browsers label a .csv file as they please: trust the name when the part says octet-stream.
                    if (partType == "application/octet-stream" && fileName?.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        partType = "text/csv";
                    }

                    return (section.Body, partType, fileName is { Length: <= 200 } ? fileName : null, null);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return (null, null, null, Refused(context, new BatchFileProblem(400, "BAD_MULTIPART", "The multipart form cannot be read.")));
        }

        return (null, null, null, Refused(context, new BatchFileProblem(422, "NO_FILE", "The multipart form has no file part.")));
    }

    /// <summary>Every refusal of an upload as a problem with a code and an errors list naming the row (0: the file as a whole).</summary>
    private static IResult Refused(HttpContext context, BatchFileProblem problem) =>
        Problems.Create(context, problem.Status, problem.Code, problem.Status switch { 400 => "Bad request", 403 => "Forbidden", 409 => "Conflict", 413 => "Payload too large", 415 => "Unsupported media type", _ => "The file was refused" }, problem.Message, extend: body =>
        {
            body["errors"] = new JsonArray(new JsonObject { ["row"] = problem.Row, ["column"] = string.Empty, ["code"] = problem.Code, ["message"] = problem.Message });
            if (problem.Expected is { } expected)
            {
                body["expectedColumns"] = new JsonArray(expected.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
            }

            if (problem.Found is { } found)
            {
                body["foundColumns"] = new JsonArray(found.Select(c => (JsonNode)JsonValue.Create(c)).ToArray());
            }
        });
}
