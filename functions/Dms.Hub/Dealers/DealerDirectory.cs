using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Dealers;

/// <summary>Authenticates API keys and serves dealer records, with a short in-memory cache in front of storage.</summary>
public sealed class DealerDirectory(IDealerStore dealers, ICredentialStore credentials, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (Credential? Credential, DateTimeOffset Until)> _credentials = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Dealer? Dealer, DateTimeOffset Until)> _dealers = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds);
    private readonly bool _allowDemo = options.Value.AllowDemoCredentials;

    public async Task<Principal?> AuthenticateAsync(string? apiKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(apiKey) || apiKey.Length > 200)
        {
            return null;
        }

        var fingerprint = ApiKeys.Fingerprint(apiKey);
        var now = clock.GetUtcNow();
        if (!_credentials.TryGetValue(fingerprint, out var cached) || cached.Until <= now)
        {
            cached = (await credentials.GetAsync(fingerprint, cancellationToken), now + _ttl);
            _credentials[fingerprint] = cached;
        }

        var credential = cached.Credential;
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

    public async Task<Dealer?> GetDealerAsync(string code, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_dealers.TryGetValue(code, out var cached) && cached.Until > now)
        {
            return cached.Dealer;
        }

        var dealer = await dealers.GetAsync(code, cancellationToken);
        _dealers[code] = (dealer, now + _ttl);
        return dealer;
    }

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
        _dealers.TryRemove(dealer.Code, out _);
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
            _credentials.TryRemove(old, out _);
        }

        await dealers.UpsertAsync(dealer with { ApiKeyFingerprint = credential.Fingerprint }, cancellationToken);
        _dealers.TryRemove(code, out _);
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
