using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Dms.Console.Internal;

/// <summary>
/// Proof that a user asked to see one document's personal data (with a reason, audited): a protected token naming the
/// user and the document, good for ten minutes, carried in the detail page's URL after the request.
/// </summary>
public sealed class RevealTokens(IDataProtectionProvider provider, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector("Dms.Console.RevealPersonalData.v1").ToTimeLimitedDataProtector();

    public string Issue(string userId, string trackingId) => _protector.Protect($"{userId}|{trackingId}", clock.GetUtcNow() + Lifetime);

    public bool Allows(string? token, string userId, string trackingId)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000)
        {
            return false;
        }

        try
        {
            return _protector.Unprotect(token, out var expiration) == $"{userId}|{trackingId}" && expiration > clock.GetUtcNow();
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
