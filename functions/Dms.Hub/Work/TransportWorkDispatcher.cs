using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// Hands committed work to the configured transport. The work is already durable, so a failed send is logged, not
/// thrown: the caller's change stands, and the recovery sweep sends the message once the item counts as stalled.
/// </summary>
/// <remarks>
/// When this process's own loop runs the work over the in-memory transport, new work is claimed at birth: created
/// with its first attempt counted and leased to this process, and its message says so. The runner then starts it
/// without a storage round trip. If the process dies first, the lease lapses and the recovery sweep (which refills
/// the in-memory transport at start-up) sends it again — the attempt stays counted, as a crash's should.
/// </remarks>
internal sealed partial class TransportWorkDispatcher(IWorkTransport transport, IOptions<WorkOptions> options, TimeProvider clock, ILogger<TransportWorkDispatcher> logger) : IWorkDispatcher
{
    private readonly bool _claimAtBirth = !transport.IsDurable && options.Value.RunLocalLoop;
    private readonly TimeSpan _lease = TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    public WorkItem Prepare(WorkItem item)
    {
        var now = clock.GetUtcNow();
        return _claimAtBirth && item is { Attempt: 0, LeasedUntil: null } && item.DueAt <= now
            ? item with { Attempt = 1, LeasedUntil = now + _lease }
            : item;
    }

    public async ValueTask DispatchAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(items.Select(Message).ToList(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, transport.Name, items.Count, ex.GetType().Name, ex.Message);
        }
    }

    private WorkMessage Message(WorkItem item) =>
        _claimAtBirth && item is { Attempt: 1, LeasedUntil: not null, LastError: null }
            ? WorkMessage.For(item) with { NotBefore = item.DueAt, Claimed = true }
            : WorkMessage.For(item);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Could not send {Count} work message(s) over {Transport} ({Error}: {Detail}); the recovery sweep will")]
    private static partial void LogSendFailed(ILogger logger, string transport, int count, string error, string detail);
}
