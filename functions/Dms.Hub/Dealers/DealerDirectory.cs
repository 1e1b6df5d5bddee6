using Microsoft.Extensions.Options;

namespace Dms.Hub.Dealers;

/// <summary>
/// Authenticates API keys and serves dealer records, with a short in-memory cache of what exists in front of storage
/// (<see cref="FoundCache{T}"/>: unknown keys and dealers are never cached, so registrations work at once everywhere).
/// </summary>
public sealed class DealerDirectory(IDealerStore dealers, ICredentialStore credentials, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private readonly FoundCache<Credential> _credentials = new(TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds), clock);
    private readonly FoundCache<Dealer> _dealers = new(TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds), clock);
    private readonly bool _allowDemo = options.Value.AllowDemoCredentials;

    public async Task<Principal?> AuthenticateAsync(string? apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 200)
        {
            return null;
        }

        var credential = await _credentials.GetAsync(ApiKeys.Fingerprint(apiKey), credentials.GetAsync, cancellationToken);
        if (credential is null || credential.RevokedAt is not null || (credential.Demo && !_allowDemo) || !ApiKeys.Verify(credential, apiKey))
        {
            return null;
        }

        if (credential.Role == PrincipalRole.Dealer && await GetDealerAsync(credential.PrincipalId, cancellationToken) is null)
        {
            return null;
        }

        return new Principal(credential.PrincipalId, credential.Role);
    }

    public async Task<Dealer?> GetDealerAsync(string code, CancellationToken cancellationToken) =>
        await _dealers.GetAsync(code, dealers.GetAsync, cancellationToken);

    /// <summary>Drops this instance's copy of a dealer changed elsewhere in this process (an operator's update); other instances refresh within the cache time.</summary>
    public void Forget(string code) => _dealers.Remove(code);

    /// <summary>Registers a dealer and returns its first API key (shown once); null when the code is taken.</summary>
    public async Task<string?> OnboardAsync(Dealer dealer, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate("dms");
        var credential = ApiKeys.CreateCredential(key, dealer.Code, PrincipalRole.Dealer, demo: false, clock.GetUtcNow());
        if (!await dealers.TryAddAsync(dealer with { ApiKeyFingerprint = credential.Fingerprint }, cancellationToken))
        {
            return null;
        }

        await credentials.UpsertAsync(credential, cancellationToken);
        _dealers.Remove(dealer.Code);
        return key;
    }

    /// <summary>Issues a new key and revokes the previous one; null when the dealer is unknown.</summary>
    public async Task<string?> RotateKeyAsync(string code, CancellationToken cancellationToken)
    {
        var dealer = await dealers.GetAsync(code, cancellationToken);
        if (dealer is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var key = ApiKeys.Generate("dms");
        var credential = ApiKeys.CreateCredential(key, code, PrincipalRole.Dealer, demo: false, now);
        await credentials.UpsertAsync(credential, cancellationToken);
        if (dealer.ApiKeyFingerprint is { } old && await credentials.GetAsync(old, cancellationToken) is { } previous)
        {
            await credentials.UpsertAsync(previous with { RevokedAt = now }, cancellationToken);
            _credentials.Remove(old);
        }

        await dealers.UpsertAsync(dealer with { ApiKeyFingerprint = credential.Fingerprint }, cancellationToken);
        _dealers.Remove(code);
        return key;
    }

    /// <summary>Stores a key chosen by configuration or demo seeding (idempotent: same key, same fingerprint).</summary>
    public async Task EnsureKeyAsync(string key, string principalId, PrincipalRole role, bool demo, CancellationToken cancellationToken)
    {
        var existing = await credentials.GetAsync(ApiKeys.Fingerprint(key), cancellationToken);
        if (existing is null || existing.RevokedAt is not null || existing.PrincipalId != principalId || existing.Demo != demo)
        {
            await credentials.UpsertAsync(ApiKeys.CreateCredential(key, principalId, role, demo, clock.GetUtcNow()), cancellationToken);
        }
    }
}
