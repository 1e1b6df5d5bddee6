using System.Globalization;
using Dms.Console.Internal;
using Dms.Hub.Insights;
using Dms.Hub.Operations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Console.Endpoints;

/// <summary>
/// The documents list as CSV (RFC 4180, formula-safe): the same filters and scope as the page, every matching row
/// streamed page by page. No personal data is in the listing, so nothing needs masking; every export is audited.
/// </summary>
internal static class ExportEndpoints
{
    public const int MaxRows = 250_000;
    private static readonly string[] Header =
        ["trackingId", "documentType", "documentNumber", "dealerCode", "region", "status", "delivery", "errorCode", "awaitingOem", "vin", "oemReference", "channel", "submittedAt", "updatedAt"];

    public static void MapExportEndpoints(this IEndpointRouteBuilder console) =>
        console.MapGet("/documents/export.csv", ExportAsync).RequireAuthorization(ConsolePolicies.View);

    private static async Task ExportAsync(HttpContext context, DocumentSearch search, DocumentList list, IAuditLog audit, TimeProvider clock)
    {
        var user = ConsoleUser.From(context.User)!;
        var query = DocumentQuery.Read(context.Request.Query, clock.GetUtcNow());
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"documents-{clock.GetUtcNow().UtcDateTime:yyyyMMdd-HHmm}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, Csv.Utf8WithBom);
        await writer.WriteAsync(Csv.Record(Header));
        var written = 0;
        var truncated = false;
        try
        {
            if (query.Text is { } text)
            {
                foreach (var hit in (await search.SearchAsync(text, user.Scope, context.RequestAborted)).Hits)
                {
                    await writer.WriteAsync(Row(hit.Facts));
                    written++;
                }
            }
            else
            {
                // Pages of 500. The next page is read as soon as the last one is flushed, so a client that leaves
                // after the first rows leaves one page in flight in Azurite, which finishes it anyway (its CPU is the
                // rows it serializes, ≈ 0.4 ms a row at a million documents; the range scan itself is ≈ 1–2 ms): pages
                // of 999 after the first made that leftover twice the work a client had asked for. A whole file costs
                // about one query per 500 rows instead of 1,000, ≈ 1–2 ms each. No count (the list page shows it).
                string? token = null;
                const int size = 500;
                do
                {
                    var page = await list.PageAsync(query.Filter, user.Scope, size, token, context.RequestAborted);
                    foreach (var facts in page.Items)
                    {
                        await writer.WriteAsync(Row(facts));
                        written++;
                    }

                    await writer.FlushAsync(context.RequestAborted); // each page on its way while the next is read

                    token = page.ContinuationToken;
                    truncated = token is not null && written >= MaxRows;
                }
                while (token is not null && !truncated && !context.RequestAborted.IsCancellationRequested);
            }

            await writer.FlushAsync(context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away: stop reading pages nobody will receive. What was sent is still audited below.
        }

        var note = context.RequestAborted.IsCancellationRequested ? $"The client left after {written} rows." : truncated ? $"Stopped at {MaxRows} rows." : null;
        var target = "documents" + context.Request.QueryString.Value;
        await audit.AppendAsync(AuditRecord.For(user.Id, user.Name, user.Role.ToString(), "ExportedDocuments", target, null, written, clock.GetUtcNow(), note), CancellationToken.None);
    }

    private static string Row(DocumentFacts f) => Csv.Record(
    [
        f.TrackingId, f.DocumentType, f.DocumentNumber, f.DealerCode, f.Region, f.Status, f.Outcome, f.ErrorCode, f.AwaitingOem ? "true" : "false",
        f.Vin, f.OemReference, f.Channel, f.SubmittedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), f.UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
    ]);
}
