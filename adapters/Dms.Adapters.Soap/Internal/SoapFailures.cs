using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// The SOAP branch's last line: an exception (storage unreachable, a busy document, a bug) becomes a Server fault
/// with 503 and Retry-After — never the REST problem JSON and never internal text. Retrying is safe: submissions
/// are idempotent by document number, commands by commandId.
/// </summary>
internal static partial class SoapFailures
{
    public static async Task GuardAsync(HttpContext context, Func<Task> next, ILogger logger)
    {
        try
        {
            await next();
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, ex.GetType().Name, ex);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            await new SoapFault(503, "s:Server", "The hub could not complete the request; retry it shortly.").WriteAsync(context);
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "SOAP request failed ({Error}); answered a Server fault")]
    private static partial void LogFailed(ILogger logger, string error, Exception exception);
}
