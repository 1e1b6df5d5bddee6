using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Dealers;

/// <summary>HQ users: onboarding with a first key, and their scope (cached briefly, like dealers).</summary>
public sealed class HqDirectory(IHqUserStore users, ICredentialStore credentials, IOptions<SecurityOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (HqUser? User, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(options.Value.CredentialCacheSeconds);

    public static bool IsHqRole(PrincipalRole role) => role is PrincipalRole.Hq or PrincipalRole.RegionalManager or PrincipalRole.DistrictManager;

    /// <summary>The scope of an authenticated HQ principal; null when the user no longer exists.</summary>
    public async Task<HqScope?> ScopeAsync(string userId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!_cache.TryGetValue(userId, out var cached) || cached.Until <= now)
        {
            cached = (await users.GetAsync(userId, cancellationToken), now + _ttl);
            _cache[userId] = cached;
        }

        return cached.User?.Scope;
    }

    /// <summary>Registers a user and returns its first API key (shown once); null when the ID is taken.</summary>
    public async Task<string?> OnboardAsync(HqUser user, CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate("dmshq");
        var credential = ApiKeys.CreateCredential(key, user.Id, user.Role, demo: false, clock.GetUtcNow());
        if (!await users.TryAddAsync(user with { ApiKeyFingerprint = credential.Fingerprint }, cancellationToken))
        {
            return null;
        }

        await credentials.UpsertAsync(credential, cancellationToken);
        _cache.TryRemove(user.Id, out _);
        return key;
    }

    /// <summary>Stores a demo user with a key chosen by the seeding (idempotent).</summary>
    public async Task EnsureDemoAsync(HqUser user, string key, CancellationToken cancellationToken)
    {
        var fingerprint = ApiKeys.Fingerprint(key);
        await users.UpsertAsync(user with { ApiKeyFingerprint = fingerprint, Demo = true }, cancellationToken);
        var existing = await credentials.GetAsync(fingerprint, cancellationToken);
        if (existing is null || existing.PrincipalId != user.Id || existing.Role != user.Role || !existing.Demo)
        {
            await credentials.UpsertAsync(ApiKeys.CreateCredential(key, user.Id, user.Role, demo: true, clock.GetUtcNow()), cancellationToken);
        }

        _cache.TryRemove(user.Id, out _);
    }
}
