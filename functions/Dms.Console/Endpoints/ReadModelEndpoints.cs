using Dms.Hub.Insights.Rebuild;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Dms.Console.Endpoints;

/// <summary>
/// An Admin rebuilds the read model from the documents (after a layout change, or when the console's figures are in
/// doubt): with a reason, audited when asked and again when done (with how many documents); it runs in the background
/// and its progress is on <c>/console/read-model</c>.
/// </summary>
internal static partial class ReadModelEndpoints
{
    public static void MapReadModelEndpoints(this IEndpointRouteBuilder console) =>
        console.MapPost("/actions/read-model/rebuild", RebuildAsync).RequireAuthorization(ConsolePolicies.Administer).ValidateAntiforgery();

    private static async Task<IResult> RebuildAsync(HttpContext context, ReadModelRebuild rebuild, ConsoleActions actions, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (ConsoleActions.Text(form, "reason") is not { } reason)
        {
            return ConsoleActions.Problem(context, 400, "A reason is required", "Say why the read model is rebuilt; nothing was started.", "/console/read-model");
        }

        if (rebuild.Running)
        {
            return ConsoleActions.Problem(context, 409, "A rebuild is running", "A rebuild runs already; its progress is on this page.", "/console/read-model");
        }

        var user = ConsoleActions.User(context);
        await actions.AuditAsync(context, "StartedReadModelRebuild", "read model", reason, 0);
        var logger = loggers.CreateLogger("Dms.Console.ReadModel");
        _ = Task.Run(async () =>
        {
            try
            {
                await rebuild.RunAsync(user.Id, reason, lifetime.ApplicationStopping);
            }
            catch (Exception ex)
            {
                // Checkpointed: the next start (or the next Admin request) resumes it.
                LogFailed(logger, ex.GetType().Name, ex.Message);
            }
        }, CancellationToken.None);
        return Results.Redirect("/console/read-model");
    }

    [LoggerMessage(EventId = 5114, Level = LogLevel.Warning, Message = "Read-model rebuild stopped ({Error}: {Detail}); it resumes from its checkpoint when started again")]
    private static partial void LogFailed(ILogger logger, string error, string detail);
}
