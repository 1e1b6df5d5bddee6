using System.Diagnostics;
using Dms.Hub.Common;

namespace Dms.Functions.Http;

/// <summary>
/// Every request carries a correlation ID: the caller's <c>X-Correlation-Id</c> when it is well-formed, otherwise a
/// new one. It is echoed back, put in the log scope, stamped on timeline entries and sent on outbound calls.
/// </summary>
internal static class Correlation
{
    public const string Header = "X-Correlation-Id";
    private const string ItemKey = "dms.correlationId";

    public static string Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var value) && value is string id ? id : string.Empty;

    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var supplied = context.Request.Headers[Header].ToString();
        var id = IsWellFormed(supplied) ? supplied : Ids.NewUlid(DateTimeOffset.UtcNow);
        context.Items[ItemKey] = id;
        context.Response.Headers[Header] = id;
        Activity.Current?.SetTag("dms.correlation_id", id);
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Dms.Http");
        using (logger.BeginScope(new Dictionary<string, object> { ["correlationId"] = id }))
        {
            await next(context);
        }
    });

    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
