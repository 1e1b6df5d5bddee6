using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dms.Console;

/// <summary>
/// Turns Entra ID app roles into a console role: <c>Console.Admin</c>, <c>Console.Operator</c>, <c>Console.Viewer</c>,
/// or <c>Console.RegionalManager.{Region}</c> (the region is part of the role's value). The strongest role wins; a
/// token without any console role does not sign in.
/// </summary>
internal static class EntraRoles
{
    public const string Prefix = "Console.";

    public static void Configure(OpenIdConnectOptions options)
    {
        options.CallbackPath = "/console/signin-oidc";
        options.SignedOutCallbackPath = "/console/signout-callback-oidc";
        var validated = options.Events.OnTokenValidated;
        options.Events.OnTokenValidated = async context =>
        {
            await validated(context);
            var principal = context.Principal!;
            var user = Map(principal);
            if (user is null)
            {
                context.Fail("The signed-in account has no console role (Console.Viewer, Console.RegionalManager.{Region}, Console.Operator or Console.Admin).");
                return;
            }

            context.Principal = new ClaimsPrincipal(new ClaimsIdentity(user.Claims(), principal.Identity!.AuthenticationType));
        };
    }

    public static ConsoleUser? Map(ClaimsPrincipal principal)
    {
        var roles = principal.FindAll("roles").Concat(principal.FindAll(ClaimTypes.Role)).Select(c => c.Value).Where(v => v.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        var id = principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier") ?? principal.FindFirstValue("oid") ?? principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var name = principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? id;
        if (id is null)
        {
            return null;
        }

        if (roles.Contains(Prefix + "Admin"))
        {
            return new ConsoleUser(id, name!, ConsoleRole.Admin, null);
        }

        if (roles.Contains(Prefix + "Operator"))
        {
            return new ConsoleUser(id, name!, ConsoleRole.Operator, null);
        }

        if (roles.Contains(Prefix + "Viewer"))
        {
            return new ConsoleUser(id, name!, ConsoleRole.Viewer, null);
        }

        const string regional = Prefix + "RegionalManager.";
        return roles.FirstOrDefault(r => r.StartsWith(regional, StringComparison.Ordinal) && r.Length > regional.Length) is { } role
            ? new ConsoleUser(id, name!, ConsoleRole.RegionalManager, role[regional.Length..])
            : null;
    }
}
