using Dms.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// The recovery sweep: finds pending work whose message went missing (a crash between commit and send, a transport
/// outage, a runner that died holding a lease) and sends it again. For a durable transport only items ready for
/// longer than <see cref="WorkOptions.RecoveryGraceSeconds"/> count as stalled; the embedded transport forgets
/// everything on restart, so it is offered every pending item (it absorbs those it already holds).
/// </summary>
public sealed partial class WorkRecovery(
    IWorkStore store,
    IWorkTransport transport,
    IOptions<WorkOptions> options,
    TimeProvider clock,
    ILogger<WorkRecovery> logger)
{
    private const int BatchSize = 100;

    /// <summary>Scans once; returns how many messages it sent.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => RunSliceAsync(0, 1, cancellationToken);

    /// <summary>
    /// Scans one of <paramref name="slices"/> parts of the store. The local host sweeps a slice at a time: each scan is
    /// a range query (on Azurite a pass over the whole table), and one part at a time never stalls storage for long.
    /// </summary>
    public async Task<int> RunSliceAsync(int slice, int slices, CancellationToken cancellationToken)
    {
        var stalledBefore = clock.GetUtcNow() - TimeSpan.FromSeconds(options.Value.RecoveryGraceSeconds);
        var batch = new List<WorkMessage>(BatchSize);
        var sent = 0;
        await foreach (var item in store.ScanPendingAsync(slice, slices, cancellationToken))
        {
            if (transport.IsDurable && item.ReadyAt >= stalledBefore)
            {
                continue;
            }

            batch.Add(WorkMessage.For(item));
            if (batch.Count == BatchSize)
            {
                sent += await SendAsync(batch, cancellationToken);
            }
        }

        sent += await SendAsync(batch, cancellationToken);
        if (sent > 0 && transport.IsDurable)
        {
            LogResent(logger, sent, transport.Name);
        }

        return sent;
    }

    private async Task<int> SendAsync(List<WorkMessage> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        await transport.SendAsync(batch.ToList(), cancellationToken);
        var count = batch.Count;
        batch.Clear();
        return count;
    }

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Recovery sweep re-sent {Count} stalled work item(s) over {Transport}")]
    private static partial void LogResent(ILogger logger, int count, string transport);
}
