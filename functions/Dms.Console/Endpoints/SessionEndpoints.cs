using System.Security.Claims;
using Dms.Console.Internal;
using Dms.Hub.Operations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Dms.Console.Endpoints;

/// <summary>Signing in with a console key (form post, antiforgery-checked), signing out, and the embedded assets.</summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder console)
    {
        console.MapPost("/actions/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(ConsoleRateLimits.SignIn).ValidateAntiforgery();
        console.MapPost("/actions/sign-out", SignOutAsync).RequireAuthorization(ConsolePolicies.View).ValidateAntiforgery();
        console.MapGet("/assets/{name}", (HttpContext context, string name) =>
        {
            if (!ConsoleAssets.TryGet(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = context.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Version}\""));
        }).AllowAnonymous();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, ConsoleKeys keys, IOptions<ConsoleOptions> options, IAuditLog audit, TimeProvider clock)
    {
        if (options.Value.SignIn != "Key")
        {
            return Results.Redirect("/console");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LocalReturnUrl(form["returnUrl"]);
        var user = await keys.VerifyAsync(form["key"].ToString().Trim(), context.RequestAborted);
        if (user is null)
        {
            return Results.Redirect("/console/sign-in?error=1" + (returnUrl == "/console" ? string.Empty : "&returnUrl=" + Uri.EscapeDataString(returnUrl)));
        }

        var identity = new ClaimsIdentity(user.Claims(), ConsolePolicies.Scheme);
        await context.SignInAsync(ConsolePolicies.Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
        await audit.AppendAsync(AuditRecord.For(user.Id, user.Name, user.Role.ToString(), "SignedIn", "console", null, 1, clock.GetUtcNow()), context.RequestAborted);
        return Results.Redirect(returnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IOptions<ConsoleOptions> options)
    {
        await context.SignOutAsync(ConsolePolicies.Scheme);
        return options.Value.SignIn == "EntraId"
            ? Results.SignOut(new AuthenticationProperties { RedirectUri = "/console" }, [ConsolePolicies.OidcScheme])
            : Results.Redirect("/console/sign-in?signedOut=1");
    }

    /// <summary>Only a path inside the console: an open redirect would turn the sign-in page into a phishing aid.</summary>
    public static string LocalReturnUrl(string? url) =>
        url is { Length: > 0 and < 2000 } && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/console";
}
