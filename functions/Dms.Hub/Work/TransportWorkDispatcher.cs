using Microsoft.Extensions.Logging;

namespace Dms.Hub.Work;

/// <summary>
/// Hands committed work to the configured transport. The work is already durable, so a failed send is logged, not
/// thrown: the caller's change stands, and the recovery sweep sends the message once the item counts as stalled.
/// </summary>
internal sealed partial class TransportWorkDispatcher(IWorkTransport transport, ILogger<TransportWorkDispatcher> logger) : IWorkDispatcher
{
    public async ValueTask DispatchAsync(IReadOnlyList<WorkItem> items, CancellationToken cancellationToken)
    {
        try
        {
            await transport.SendAsync(items.Select(WorkMessage.For).ToList(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogSendFailed(logger, transport.Name, items.Count, ex.GetType().Name, ex.Message);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Could not send {Count} work message(s) over {Transport} ({Error}: {Detail}); the recovery sweep will")]
    private static partial void LogSendFailed(ILogger logger, string transport, int count, string error, string detail);
}
