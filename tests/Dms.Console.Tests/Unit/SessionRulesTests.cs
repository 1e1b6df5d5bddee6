using System.Security.Claims;
using Dms.Console.Endpoints;

namespace Dms.Console.Tests.Unit;

public sealed class SessionRulesTests
{
    [Theory]
    [InlineData("/console/documents?q=1", "/console/documents?q=1")]
    [InlineData("https://evil.example/console", "/console")]
    [InlineData("//evil.example/console", "/console")]
    [InlineData("/console\\..\\x", "/console")]
    [InlineData("/api/v1/admin/dealers", "/console")]
    [InlineData(null, "/console")]
    public void LocalReturnUrl_OnlyConsolePaths_NeverAnOpenRedirect(string? url, string expected) => Assert.Equal(expected, SessionEndpoints.LocalReturnUrl(url));

    [Fact]
    public void ConsoleUser_RegionalManagerWithoutRegion_IsNoUserAtAll()
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "x"), new Claim(ConsoleUser.RoleClaim, nameof(ConsoleRole.RegionalManager))], "test");

        Assert.Null(ConsoleUser.From(new ClaimsPrincipal(identity)));
    }

    [Theory]
    [InlineData("Console.Admin", ConsoleRole.Admin, null)]
    [InlineData("Console.Operator", ConsoleRole.Operator, null)]
    [InlineData("Console.Viewer", ConsoleRole.Viewer, null)]
    [InlineData("Console.RegionalManager.North", ConsoleRole.RegionalManager, "North")]
    public void EntraRoles_AppRolesBecomeConsoleRoles(string appRole, ConsoleRole role, string? region)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "u1"), new Claim("name", "U"), new Claim("roles", appRole)], "oidc"));

        var user = EntraRoles.Map(principal);

        Assert.Equal((role, region), (user!.Role, user.Region));
    }

    [Fact]
    public void EntraRoles_StrongestRoleWins_AndNoConsoleRoleMeansNoSignIn()
    {
        var both = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "u1"), new Claim("roles", "Console.Viewer"), new Claim("roles", "Console.Operator")], "oidc"));
        var none = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "u2"), new Claim("roles", "SomethingElse")], "oidc"));

        Assert.Equal(ConsoleRole.Operator, EntraRoles.Map(both)!.Role);
        Assert.Null(EntraRoles.Map(none));
    }
}
