using Dms.Hub.Insights;
using Microsoft.AspNetCore.Http;

namespace Dms.Console.Internal;

/// <summary>The signed-in user of the current request (pages are authorized before they render, so there is one).</summary>
public sealed class ConsoleSession(IHttpContextAccessor accessor)
{
    public ConsoleUser User => ConsoleUser.From(accessor.HttpContext?.User ?? new()) ?? throw new InvalidOperationException("No console user on this request.");

    public ViewScope Scope => User.Scope;

    /// <summary>The request's correlation ID (the hub stamps one on every response), recorded on the changes a user makes.</summary>
    public string? CorrelationId => accessor.HttpContext?.Response.Headers["X-Correlation-Id"].ToString() is { Length: > 0 } id ? id : null;

    public string Path => accessor.HttpContext?.Request.Path.Value ?? "/console";
}
