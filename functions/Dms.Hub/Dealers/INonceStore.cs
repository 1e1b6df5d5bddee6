namespace Dms.Hub.Dealers;

/// <summary>Port: nonces seen recently, shared by every instance, so a replayed WS-Security token is refused anywhere.</summary>
public interface INonceStore
{
    /// <summary>Records the nonce; false when it was already seen for this dealer and creation time.</summary>
    Task<bool> TryRememberAsync(string dealerCode, string nonce, DateTimeOffset created, CancellationToken cancellationToken);

    /// <summary>Forgets nonces created before <paramref name="before"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
