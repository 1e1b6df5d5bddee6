using Dms.Hub.Work;

namespace Dms.Hub.Dealers;

/// <summary>
/// Forgets WS-Security nonces older than an hour: a token that old is refused by its creation time anyway (the
/// accepted clock skew is minutes), so its nonce no longer guards against anything.
/// </summary>
public sealed class NoncePruning(INonceStore nonces, TimeProvider clock) : IScheduledJob
{
    public static readonly TimeSpan Keep = TimeSpan.FromHours(1);

    public string Name => "prune-nonces";

    public Task RunAsync(CancellationToken cancellationToken) => nonces.PruneAsync(clock.GetUtcNow() - Keep, cancellationToken);
}
