using System.Security.Claims;
using System.Text.Encodings.Web;
using Dms.Hub.Dealers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Dms.Functions.Http;

/// <summary>Authenticates <c>X-Api-Key</c> against salted hashes; answers 401/403 as problem details.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DealerDirectory directory) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1)
        {
            return AuthenticateResult.NoResult();
        }

        var principal = await directory.AuthenticateAsync(values[0], Context.RequestAborted);
        if (principal is null)
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, principal.Id), new Claim(ClaimTypes.Role, principal.Role.ToString())], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        return Problems.WriteAsync(Context, 401, "UNAUTHORIZED", "Unauthorized", $"Send a valid API key in the {Header} header.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.WriteAsync(Context, 403, "FORBIDDEN", "Forbidden", "These credentials may not use this endpoint.");
}
