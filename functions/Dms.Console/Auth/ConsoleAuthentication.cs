using Dms.Console.Internal;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;

namespace Dms.Console;

/// <summary>
/// Sign-in for the console: a cookie issued for a console key (locally), or Microsoft Entra ID over OpenID Connect
/// (Microsoft.Identity.Web) when <c>Dms:Console:SignIn</c> is EntraId — app roles become console roles.
/// </summary>
internal static class ConsoleAuthentication
{
    public static void Add(WebApplicationBuilder builder, ConsoleOptions options)
    {
        var authentication = builder.Services.AddAuthentication();
        var entra = options.SignIn == "EntraId";
        if (entra)
        {
            authentication.AddMicrosoftIdentityWebApp(builder.Configuration.GetSection(ConsoleOptions.EntraSection), ConsolePolicies.OidcScheme, ConsolePolicies.Scheme);
            builder.Services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(ConsolePolicies.OidcScheme, EntraRoles.Configure);
        }
        else
        {
            authentication.AddCookie(ConsolePolicies.Scheme);
        }

        builder.Services.Configure<CookieAuthenticationOptions>(ConsolePolicies.Scheme, cookie =>
        {
            cookie.Cookie.Name = "dms-console";
            cookie.Cookie.Path = "/console";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

            // Strict keeps the session off every cross-site request. Entra ID's answer arrives as a cross-site
            // redirect chain, which a Strict cookie would not follow, so that mode uses Lax (still no cross-site POSTs).
            cookie.Cookie.SameSite = entra ? SameSiteMode.Lax : SameSiteMode.Strict;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
            cookie.LoginPath = "/console/sign-in";
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnRedirectToAccessDenied = context => Denied(context.HttpContext);
            if (entra)
            {
                cookie.ForwardChallenge = ConsolePolicies.OidcScheme;
            }
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicies.View, p => p.AddAuthenticationSchemes(ConsolePolicies.Scheme).RequireAssertion(c => ConsoleUser.From(c.User) is not null))
            .AddPolicy(ConsolePolicies.ViewAllRegions, p => p.AddAuthenticationSchemes(ConsolePolicies.Scheme).RequireAssertion(c => ConsoleUser.From(c.User) is { Scope.Region: null }))
            .AddPolicy(ConsolePolicies.Operate, p => p.AddAuthenticationSchemes(ConsolePolicies.Scheme).RequireAssertion(c => ConsoleUser.From(c.User)?.CanOperate == true))
            .AddPolicy(ConsolePolicies.Administer, p => p.AddAuthenticationSchemes(ConsolePolicies.Scheme).RequireAssertion(c => ConsoleUser.From(c.User)?.CanAdminister == true));
    }

    /// <summary>A signed-in user asking for more than their role allows gets 403 and a page saying so (no redirect).</summary>
    private static Task Denied(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(SimplePages.Message("Not allowed", "Your role does not allow this. Nothing was changed.", "/console"));
    }
}
