using System.Security.Cryptography;
using System.Text;
using Dms.Hub.Dealers;
using Microsoft.Extensions.Options;

namespace Dms.Console;

/// <summary>
/// Checks a console key: a configured console user's (salted hash, or a plain demo key while demo credentials are
/// allowed), or an operator key of the hub's admin API (signs in as Admin). Dealer and OEM keys never sign in.
/// </summary>
public sealed class ConsoleKeys(IOptionsMonitor<ConsoleOptions> options, IOptions<SecurityOptions> security, DealerDirectory directory)
{
    public async Task<ConsoleUser?> VerifyAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 200)
        {
            return null;
        }

        // Every configured user is compared, so the time taken does not say which one (or whether any) matched.
        ConsoleUser? match = null;
        foreach (var (id, user) in options.CurrentValue.Users)
        {
            if (Matches(user, key) && match is null)
            {
                match = new ConsoleUser(id, user.Name, user.Role, user.Role == ConsoleRole.RegionalManager ? user.Region : null);
            }
        }

        if (match is not null)
        {
            return match;
        }

        var principal = await directory.AuthenticateAsync(key, cancellationToken);
        return principal?.Role == PrincipalRole.Admin ? new ConsoleUser(principal.Id, $"Operator key ({principal.Id})", ConsoleRole.Admin, null) : null;
    }

    /// <summary>The value for <see cref="ConsoleUserOptions.KeyHash"/>: a fresh salt and the salted SHA-256 of <paramref name="key"/>.</summary>
    public static string Hash(string key)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return $"{salt}:{Digest(salt, key)}";
    }

    private bool Matches(ConsoleUserOptions user, string key)
    {
        if (user.KeyHash is { } stored && stored.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            return Equal(stored[(colon + 1)..], Digest(stored[..colon], key));
        }

        return user.DemoKey is { Length: > 0 } demo && security.Value.AllowDemoCredentials && Equal(Digest(string.Empty, demo), Digest(string.Empty, key));
    }

    private static string Digest(string salt, string key) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + key)));

    private static bool Equal(string a, string b) => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
