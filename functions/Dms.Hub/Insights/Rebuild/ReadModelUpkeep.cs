using Microsoft.Extensions.Logging;

namespace Dms.Hub.Insights.Rebuild;

/// <summary>
/// Before a process first projects: a store whose read model is older than the code's layout
/// (<see cref="ReadModelLayout.Version"/>), or whose rebuild was interrupted, is rebuilt first — the console would
/// otherwise show partial data without saying so. A store without documents only gets the version. Checked once per
/// process (again after a failure), by the projector's first cycle — the local loop's or the timer function's.
/// </summary>
public sealed partial class ReadModelUpkeep(IReadModelMaintenance store, ReadModelRebuild rebuild, ILogger<ReadModelUpkeep> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _current;

    public void Dispose() => _gate.Dispose();

    public async Task EnsureCurrentAsync(CancellationToken cancellationToken)
    {
        if (_current)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_current)
            {
                await CheckAsync(cancellationToken);
                _current = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var version = await store.GetVersionAsync(cancellationToken);
        var interrupted = await store.GetCheckpointAsync(cancellationToken);
        if (version >= ReadModelLayout.Version && interrupted is null)
        {
            return;
        }

        if (interrupted is null && version is null && !await store.AnyDocumentAsync(cancellationToken))
        {
            await store.SetVersionAsync(ReadModelLayout.Version, cancellationToken);
            return;
        }

        var reason = interrupted is not null ? "resuming an interrupted rebuild"
            : $"the store's read-model layout {(version is { } v ? v.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(none recorded)")} is older than the code's {ReadModelLayout.Version}";
        LogRebuilding(logger, reason);

        // Run here (the caller waits): nothing may project into an old layout meanwhile. Null: an Admin's rebuild runs in
        // this process; the projector's cycles are refused the lease until it ends.
        _ = await rebuild.RunAsync(ReadModelRebuild.System, reason, cancellationToken);
    }

    [LoggerMessage(EventId = 5113, Level = LogLevel.Warning, Message = "Rebuilding the console's read model: {Reason}")]
    private static partial void LogRebuilding(ILogger logger, string reason);
}
