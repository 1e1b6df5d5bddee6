using Dms.Hub.Insights.Rebuild;

namespace Dms.Console.Internal;

/// <summary>
/// Whether the read model is being rebuilt, for every page's banner: the rebuild's checkpoint, read at most once per
/// <see cref="Fresh"/> per process (a point read shared by all pages, so the banner costs a page almost nothing).
/// </summary>
internal sealed class RebuildStatus(IReadModelMaintenance store, ReadModelRebuild rebuild, TimeProvider clock) : IDisposable
{
    /// <summary>How old the banner's progress may be.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(2);
    private readonly SemaphoreSlim _reading = new(1, 1);
    private (RebuildCheckpoint? Checkpoint, DateTimeOffset At) _last = (null, DateTimeOffset.MinValue);

    public void Dispose() => _reading.Dispose();

    /// <summary>The checkpoint of a rebuild running or interrupted; null when the read model is complete.</summary>
    public async Task<RebuildCheckpoint?> GetAsync(CancellationToken cancellationToken)
    {
        // A rebuild just started here shows at once, not after the cached "none" ages.
        if (clock.GetUtcNow() - _last.At < Fresh && (_last.Checkpoint is not null || !rebuild.Running))
        {
            return _last.Checkpoint;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() - _last.At >= Fresh || (_last.Checkpoint is null && rebuild.Running))
            {
                _last = (await store.GetCheckpointAsync(cancellationToken), clock.GetUtcNow());
            }

            return _last.Checkpoint;
        }
        finally
        {
            _reading.Release();
        }
    }
}
