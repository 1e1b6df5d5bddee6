namespace Dms.Hub.Work;

/// <summary>
/// Port: carries <see cref="WorkMessage"/>s to whoever runs the work — the embedded timetable standalone, Azure
/// Service Bus in production, Azure Storage Queues as the cheap alternative. Chosen by <c>Dms:Work:Transport</c>;
/// every implementation passes the same contract suite.
/// </summary>
public interface IWorkTransport
{
    /// <summary>The configuration name (<c>embedded</c>, <c>service-bus</c>, <c>storage-queue</c>).</summary>
    string Name { get; }

    /// <summary>Whether messages outlive this process. A transport that is not durable is refilled from storage at start-up.</summary>
    bool IsDurable { get; }

    /// <summary>Sends messages, each to the queue of its kind, invisible until its <see cref="WorkMessage.NotBefore"/>.</summary>
    Task SendAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> messages of one kind, each hidden from other receivers until it is
    /// completed or released (or its lock lapses). Returns an empty list when nothing arrived within the transport's wait.
    /// </summary>
    Task<IReadOnlyList<ReceivedWork>> ReceiveAsync(string kind, int maxMessages, CancellationToken cancellationToken);

    /// <summary>Sends <paramref name="following"/> (if any), then removes the received message for good.</summary>
    Task CompleteAsync(ReceivedWork received, WorkMessage? following, CancellationToken cancellationToken);

    /// <summary>
    /// Messages due by <paramref name="now"/> and not yet received, counted up to <paramref name="atMost"/> — when the
    /// transport can tell without a round trip (the in-memory timetable); otherwise null (ask storage instead).
    /// </summary>
    int? CountDue(DateTimeOffset now, int atMost) => null;

    /// <summary>Gives a received message back to be delivered again after about <paramref name="delay"/>.</summary>
    Task ReleaseAsync(ReceivedWork received, TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>A message held by this receiver; <see cref="Receipt"/> is the transport's handle (lock token, pop receipt).</summary>
public sealed record ReceivedWork(WorkMessage Message, int DeliveryCount, object Receipt);
