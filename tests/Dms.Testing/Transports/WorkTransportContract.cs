using Dms.Hub.Work;
using Xunit;

namespace Dms.Testing.Transports;

/// <summary>
/// What every <see cref="IWorkTransport"/> promises, whatever carries the messages. Each transport's test project
/// derives from this once; the facts run against each. Every fact uses its own kind (its own queue), so they
/// never see each other's messages.
/// </summary>
public abstract class WorkTransportContract
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    protected abstract IWorkTransport Transport { get; }

    /// <summary>Makes the queue for a kind exist (a real namespace has its queues created by the infrastructure).</summary>
    protected virtual Task PrepareKindAsync(string kind) => Task.CompletedTask;

    [Fact]
    public async Task Sent_IsReceivedOnceWithEveryField()
    {
        var kind = await NewKindAsync();
        var sent = Message(kind, attempt: 3);

        await Transport.SendAsync([sent], Token);
        var received = Assert.Single(await ReceiveWithinAsync(kind, Patience));

        Assert.Equal((sent.Kind, sent.DealerCode, sent.WorkId, sent.Attempt, sent.MessageId),
            (received.Message.Kind, received.Message.DealerCode, received.Message.WorkId, received.Message.Attempt, received.Message.MessageId));
        Assert.Equal(sent.NotBefore, received.Message.NotBefore, TimeSpan.FromMilliseconds(1));
        Assert.True(received.DeliveryCount >= 1);
        await Transport.CompleteAsync(received, null, Token);
    }

    [Fact]
    public async Task Messages_ArriveOnlyInTheQueueOfTheirKind()
    {
        var (first, second) = (await NewKindAsync(), await NewKindAsync());

        await Transport.SendAsync([Message(first)], Token);

        Assert.Empty(await ReceiveWithinAsync(second, TimeSpan.FromSeconds(1)));
        await CompleteAllAsync(await ReceiveWithinAsync(first, Patience));
    }

    [Fact]
    public async Task Deferred_IsNotReceivedBeforeItsTime_ThenIs()
    {
        var kind = await NewKindAsync();
        var sent = Message(kind) with { NotBefore = DateTimeOffset.UtcNow.AddSeconds(3) };

        await Transport.SendAsync([sent], Token);

        Assert.Empty(await ReceiveWithinAsync(kind, TimeSpan.FromSeconds(1)));
        var received = Assert.Single(await ReceiveWithinAsync(kind, Patience));
        Assert.Equal(sent.WorkId, received.Message.WorkId);
        Assert.True(DateTimeOffset.UtcNow >= sent.NotBefore - TimeSpan.FromMilliseconds(500), "delivered early");
        await Transport.CompleteAsync(received, null, Token);
    }

    [Fact]
    public async Task Received_IsHiddenFromOtherReceivers_AndCompletedNeverComesBack()
    {
        var kind = await NewKindAsync();
        await Transport.SendAsync([Message(kind)], Token);

        var received = Assert.Single(await ReceiveWithinAsync(kind, Patience));
        Assert.Empty(await ReceiveWithinAsync(kind, TimeSpan.FromSeconds(1)));
        await Transport.CompleteAsync(received, null, Token);

        Assert.Empty(await ReceiveWithinAsync(kind, ReturnAfterRelease + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task CompleteWithFollowing_DeliversTheFollowingAttempt()
    {
        var kind = await NewKindAsync();
        var first = Message(kind);
        await Transport.SendAsync([first], Token);
        var received = Assert.Single(await ReceiveWithinAsync(kind, Patience));

        var following = first with { Attempt = 1, NotBefore = DateTimeOffset.UtcNow.AddMilliseconds(500) };
        await Transport.CompleteAsync(received, following, Token);

        var again = Assert.Single(await ReceiveWithinAsync(kind, Patience));
        Assert.Equal((first.WorkId, 1, first.WorkId + ".1"), (again.Message.WorkId, again.Message.Attempt, again.Message.MessageId));
        await Transport.CompleteAsync(again, null, Token);
    }

    [Fact]
    public async Task Released_ComesBack()
    {
        var kind = await NewKindAsync();
        var sent = Message(kind);
        await Transport.SendAsync([sent], Token);
        var received = Assert.Single(await ReceiveWithinAsync(kind, Patience));

        await Transport.ReleaseAsync(received, TimeSpan.FromMilliseconds(200), Token);

        var again = Assert.Single(await ReceiveWithinAsync(kind, ReturnAfterRelease + Patience));
        Assert.Equal(sent.WorkId, again.Message.WorkId);
        await Transport.CompleteAsync(again, null, Token);
    }

    [Fact]
    public async Task ManyMessages_AllArrive()
    {
        var kind = await NewKindAsync();
        var sent = Enumerable.Range(0, 40).Select(_ => Message(kind)).ToList();

        await Transport.SendAsync(sent, Token);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = DateTimeOffset.UtcNow + Patience * 2;
        while (seen.Count < sent.Count && DateTimeOffset.UtcNow < deadline)
        {
            var batch = await ReceiveWithinAsync(kind, TimeSpan.FromSeconds(5), maxMessages: 16);
            await CompleteAllAsync(batch);
            seen.UnionWith(batch.Select(r => r.Message.WorkId));
        }

        Assert.Equal(sent.Select(m => m.WorkId).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SameMessageSentTwice_ArrivesAtLeastOnce()
    {
        var kind = await NewKindAsync();
        var sent = Message(kind);

        await Transport.SendAsync([sent], Token);
        await Transport.SendAsync([sent], Token);

        var received = await ReceiveWithinAsync(kind, Patience, maxMessages: 4);
        Assert.NotEmpty(received);
        Assert.All(received, r => Assert.Equal(sent.WorkId, r.Message.WorkId));
        await CompleteAllAsync(received);
    }

    /// <summary>How long a released message may stay hidden (a Service Bus lock lapses rather than being released).</summary>
    protected virtual TimeSpan ReturnAfterRelease => TimeSpan.FromSeconds(1);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    protected static WorkMessage Message(string kind, int attempt = 0) =>
        new(kind, "D001", Hub.Common.Ids.NewUlid(DateTimeOffset.UtcNow), attempt, DateTimeOffset.UtcNow);

    /// <summary>Receives until something arrives or <paramref name="within"/> passes (then an empty list).</summary>
    protected async Task<IReadOnlyList<ReceivedWork>> ReceiveWithinAsync(string kind, TimeSpan within, int maxMessages = 1)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(within);
        try
        {
            while (true)
            {
                var batch = await Transport.ReceiveAsync(kind, maxMessages, deadline.Token);
                if (batch.Count > 0)
                {
                    return batch;
                }
            }
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            return [];
        }
    }

    private async Task<string> NewKindAsync()
    {
        var kind = "c" + Guid.NewGuid().ToString("N")[..10];
        await PrepareKindAsync(kind);
        return kind;
    }

    private async Task CompleteAllAsync(IEnumerable<ReceivedWork> batch)
    {
        foreach (var received in batch)
        {
            await Transport.CompleteAsync(received, null, Token);
        }
    }
}
