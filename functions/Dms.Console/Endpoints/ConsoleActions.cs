using Dms.Console.Internal;
using Dms.Hub.Operations;
using Microsoft.AspNetCore.Http;

namespace Dms.Console.Endpoints;

/// <summary>What every console action shares: the signed-in user, the form, a required reason, the audit.</summary>
internal sealed class ConsoleActions(IAuditLog audit, TimeProvider clock)
{
    public const int MaxReason = 500;

    public DateTimeOffset Now => clock.GetUtcNow();

    public static ConsoleUser User(HttpContext context) => ConsoleUser.From(context.User) ?? throw new InvalidOperationException("Console action without a console user.");

    /// <summary>A trimmed form value, or null when missing or longer than <paramref name="max"/>.</summary>
    public static string? Text(IFormCollection form, string name, int max = MaxReason) =>
        form[name].ToString().Trim() is { Length: > 0 } text && text.Length <= max ? text : null;

    public Task AuditAsync(HttpContext context, string action, string target, string? reason, int count, string? details = null)
    {
        var user = User(context);
        return audit.AppendAsync(AuditRecord.For(user.Id, user.Name, user.Role.ToString(), action, target, reason, count, clock.GetUtcNow(), details), CancellationToken.None);
    }

    public static IResult Problem(HttpContext context, int status, string title, string text, string back)
    {
        context.Response.StatusCode = status;
        return Results.Content(SimplePages.Message(title, text, back), "text/html; charset=utf-8", statusCode: status);
    }
}
