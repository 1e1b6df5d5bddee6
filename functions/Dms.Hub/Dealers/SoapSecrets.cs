using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Dealers;

/// <summary>Issues and checks dealers' SOAP passwords (PasswordText in constant time; PasswordDigest by recomputation).</summary>
public sealed class SoapSecrets(ISoapCredentialStore store, SecretProtector protector, IOptions<SecurityOptions> options, TimeProvider clock)
{
    // Like API keys: a legacy dealer's every request would otherwise read its credential (FoundCache: never a miss).
    private readonly FoundCache<SoapCredential> _credentials = new(TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds), clock);

    /// <summary>Issues (or replaces) the dealer's SOAP password; a random one unless <paramref name="chosen"/> is given (demo).</summary>
    public async Task<string> IssueAsync(string dealerCode, bool demo, string? chosen, CancellationToken cancellationToken)
    {
        var secret = chosen ?? ApiKeys.Generate("soap");
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await store.UpsertAsync(new SoapCredential(dealerCode, salt, Hash(salt, secret), protector.Protect(secret), demo, clock.GetUtcNow()), cancellationToken);
        _credentials.Remove(dealerCode);
        return secret;
    }

    /// <summary>Issues a chosen password only if the dealer has none, or a different one (idempotent demo seeding).</summary>
    public async Task EnsureAsync(string dealerCode, string secret, bool demo, CancellationToken cancellationToken)
    {
        var existing = await store.GetAsync(dealerCode, cancellationToken);
        if (existing is null || existing.Demo != demo || !Matches(existing, secret))
        {
            await IssueAsync(dealerCode, demo, secret, cancellationToken);
        }
    }

    public async Task<bool> VerifyTextAsync(string dealerCode, string password, CancellationToken cancellationToken) =>
        await UsableAsync(dealerCode, cancellationToken) is { } credential && Matches(credential, password);

    /// <summary>Checks Base64(SHA-1(nonce + created + password)) as the UsernameToken profile defines it.</summary>
    public async Task<bool> VerifyDigestAsync(string dealerCode, byte[] nonce, string created, string digest, CancellationToken cancellationToken)
    {
        if (await UsableAsync(dealerCode, cancellationToken) is not { } credential || protector.Unprotect(credential.SealedSecret) is not { } secret)
        {
            return false;
        }

        // SHA-1 is what the OASIS UsernameToken profile 1.0 prescribes for PasswordDigest; it is not our choice.
#pragma warning disable CA5350
        var expected = SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(secret)]);
#pragma warning restore CA5350
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(digest);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private async Task<SoapCredential?> UsableAsync(string dealerCode, CancellationToken cancellationToken)
    {
        var credential = await _credentials.GetAsync(dealerCode, store.GetAsync, cancellationToken);
        return credential is null || (credential.Demo && !options.Value.AllowDemoCredentials) ? null : credential;
    }

    private static bool Matches(SoapCredential credential, string password) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(credential.Hash), Convert.FromBase64String(Hash(credential.Salt, password)));

    private static string Hash(string salt, string secret) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("soap:" + salt + ":" + secret)));
}
