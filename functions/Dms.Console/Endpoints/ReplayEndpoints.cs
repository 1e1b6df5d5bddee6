using System.Globalization;
using System.Net;
using Dms.Console.Internal;
using Dms.Hub.Operations.Replays;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dms.Console.Endpoints;

/// <summary>Starting and cancelling replay jobs (operators), their live progress and their per-item results as CSV.</summary>
internal static class ReplayEndpoints
{
    public static void MapReplayEndpoints(this IEndpointRouteBuilder console)
    {
        console.MapPost("/actions/replays", StartAsync).RequireAuthorization(ConsolePolicies.Operate).ValidateAntiforgery();
        console.MapPost("/actions/replays/{id}/cancel", CancelAsync).RequireAuthorization(ConsolePolicies.Operate).ValidateAntiforgery();
        console.MapGet("/replays/{id}/progress", ProgressAsync).RequireAuthorization(ConsolePolicies.ViewAllRegions);
        console.MapGet("/replays/{id}/items.csv", ItemsAsync).RequireAuthorization(ConsolePolicies.ViewAllRegions);
    }

    private static async Task<IResult> StartAsync(HttpContext context, ReplaySelection selection, ReplayJobs jobs, ConsoleActions actions)
    {
        var user = ConsoleActions.User(context);
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (ConsoleActions.Text(form, "reason") is not { } reason)
        {
            return ConsoleActions.Problem(context, 400, "A reason is required", "Say why these items are replayed; nothing was started.", "/console/failures");
        }

        var (targets, description) = await selection.ResolveAsync(n => form[n], context.RequestAborted);
        var job = await jobs.StartAsync(user.Id, user.Name, reason, description, targets, context.RequestAborted);
        if (job is null)
        {
            return ConsoleActions.Problem(context, 409, "Nothing to replay", "No open dead letter matches any more (or the selection is larger than one job may take). Nothing was started.", "/console/failures");
        }

        var expected = int.TryParse(form["expected"], NumberStyles.None, CultureInfo.InvariantCulture, out var e) ? e : job.Total;
        await actions.AuditAsync(context, "StartedReplay", "replay job " + job.Id + ": " + description, reason, job.Total,
            expected == job.Total ? null : $"The preview showed {expected}; {job.Total} matched when the job was created.");
        return Results.Redirect("/console/replays/" + job.Id);
    }

    private static async Task<IResult> CancelAsync(HttpContext context, string id, ReplayJobs jobs, ConsoleActions actions)
    {
        var job = await jobs.CancelAsync(id, ConsoleActions.User(context).Id, context.RequestAborted);
        if (job is null)
        {
            return ConsoleActions.Problem(context, 404, "No such replay job", "There is no such job.", "/console/replays");
        }

        await actions.AuditAsync(context, "CancelledReplay", "replay job " + id, null, job.Total - job.Done);
        return Results.Redirect("/console/replays/" + id);
    }

    private static async Task<IResult> ProgressAsync(string id, IReplayJobStore store) =>
        await store.GetAsync(id, CancellationToken.None) is { } job
            ? Results.Content(ReplayProgress.Html(job), "text/html; charset=utf-8")
            : Results.NotFound();

    private static async Task ItemsAsync(HttpContext context, string id, IReplayJobStore store)
    {
        if (await store.GetAsync(id, context.RequestAborted) is null)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"replay-{id}.csv\"";
        await using var writer = new StreamWriter(context.Response.Body, Csv.Utf8WithBom);
        await writer.WriteAsync(Csv.Record(["sequence", "deadLetterId", "trackingId", "documentType", "dealerCode", "delivery", "result", "replayWorkId", "attemptedAt", "finishedAt", "error"]));
        for (var from = 1; ; from += 1000)
        {
            var page = await store.ItemsAsync(id, from, 1000, context.RequestAborted);
            foreach (var i in page)
            {
                await writer.WriteAsync(Csv.Record([i.Sequence.ToString(CultureInfo.InvariantCulture), i.DeadLetterId, i.TrackingId, i.DocumentType, i.DealerCode, i.Delivery,
                    i.Status, i.ReplayWorkId, i.AttemptedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), i.FinishedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), i.Error]));
            }

            if (page.Count < 1000)
            {
                break;
            }
        }
    }
}

/// <summary>The progress box of a replay job (k of N, failures), rendered for the page and for its polling.</summary>
internal static class ReplayProgress
{
    public static string Html(ReplayJob job)
    {
        var percent = job.Total == 0 ? 100 : job.Done * 100 / job.Total;
        var c = job.Counts;
        return $"""
            <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="{job.Total}" aria-valuenow="{job.Done}" aria-label="Replay progress"><span style="width:{percent}%"></span></div>
            <p class="progress-text" {(job.Finished ? "data-finished=\"true\"" : "")}><strong>{job.Done} of {job.Total}</strong> settled ({WebUtility.HtmlEncode(job.Status)}{(job.CancelRequestedAt is not null && !job.Finished ? ", cancelling" : "")}):
            {c.Replayed} replayed, {c.AlreadyReplayed} already replayed before, {c.NotFound} not found, <span class="{(c.Failed > 0 ? "error" : "")}">{c.Failed} failed</span>, {c.Cancelled} cancelled.</p>
            """;
    }
}
