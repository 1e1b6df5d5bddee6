using System.Text;
using Dms.Hub.Work;

namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>
/// Work messages on Service Bus queues, one per kind. MessageId is the <see cref="WorkMessage.MessageId"/>, so the
/// queues' duplicate detection drops a message the recovery sweep sends again; backoff is ScheduledEnqueueTimeUtc.
/// A released message is left to its lock, which lapses (the queue's LockDuration) and counts one more delivery.
/// </summary>
internal sealed class ServiceBusWorkTransport(ServiceBusRestClient client, ServiceBusOptions options) : IWorkTransport
{
    public const string TransportName = "service-bus";

    public string Name => TransportName;

    public bool IsDurable => true;

    public string QueueOf(string kind) => options.QueuePrefix + kind;

    public Task SendAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken) =>
        Task.WhenAll(messages.Select(m => client.SendAsync(QueueOf(m.Kind), m.MessageId, m.Kind, Encoding.UTF8.GetBytes(m.ToJson().ToJsonString()), m.NotBefore, cancellationToken)));

    /// <summary>One message per call: the REST API locks one at a time. A body that is not a work message is removed.</summary>
    public async Task<IReadOnlyList<ReceivedWork>> ReceiveAsync(string kind, int maxMessages, CancellationToken cancellationToken)
    {
        var locked = await client.PeekLockAsync(QueueOf(kind), options.ReceiveWaitSeconds, cancellationToken);
        if (locked is null)
        {
            return [];
        }

        if (WorkMessage.FromJson(Encoding.UTF8.GetString(locked.Body)) is not { } message)
        {
            await client.CompleteAsync(locked.Location, cancellationToken);
            return [];
        }

        return [new ReceivedWork(message, locked.DeliveryCount, locked.Location)];
    }

    public async Task CompleteAsync(ReceivedWork received, WorkMessage? following, CancellationToken cancellationToken)
    {
        if (following is not null)
        {
            await SendAsync([following], cancellationToken);
        }

        await client.CompleteAsync((Uri)received.Receipt, cancellationToken);
    }

    public Task ReleaseAsync(ReceivedWork received, TimeSpan delay, CancellationToken cancellationToken) => Task.CompletedTask;
}
