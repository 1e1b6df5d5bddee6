using Azure;
using Dms.Hub.Workflow;
using Microsoft.AspNetCore.Diagnostics;

namespace Dms.Functions.Http;

/// <summary>
/// The last line: nothing internal ever reaches a caller. Storage or contention trouble answers 503 with
/// Retry-After (the request may be repeated safely: submissions are idempotent); anything else a bare 500.
/// </summary>
internal static partial class ExceptionMapping
{
    public static IApplicationBuilder UseProblemExceptions(this IApplicationBuilder app) => app.UseExceptionHandler(error => error.Run(async context =>
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dms.Http");
        if (exception is BadHttpRequestException bad)
        {
            await Problems.WriteAsync(context, bad.StatusCode, bad.StatusCode == 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", "Bad request", "The request could not be read.");
        }
        else if (IsTransient(exception))
        {
            LogUnavailable(logger, exception!.GetType().Name);
            context.Response.Headers.RetryAfter = "5";
            await Problems.WriteAsync(context, 503, "SERVICE_UNAVAILABLE", "Service unavailable", "A dependency is unavailable; retry shortly with the same Idempotency-Key.");
        }
        else
        {
            LogFailed(logger, exception);
            await Problems.WriteAsync(context, 500, "INTERNAL_ERROR", "Internal error", "Something went wrong on our side; quote the correlation ID.");
        }
    }));

    public static bool IsTransient(Exception? exception) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or IOException or TimeoutException or DocumentBusyException => true,
        TaskCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsTransient),
        _ => false,
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Dependency unavailable ({Error}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string error);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Unhandled exception; answered 500")]
    private static partial void LogFailed(ILogger logger, Exception? exception);
}
