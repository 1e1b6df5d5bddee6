using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Dms.Hub.Work;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Work messages on Azure Storage queues, one per kind (<c>{prefix}work-{kind}</c>), Base64-encoded as the Functions
/// queue trigger expects. Backoff is the initial visibility delay (at most 7 days); a received message stays hidden
/// for the lease time. Queues do not deduplicate: a message sent twice arrives twice and the lease absorbs it.
/// </summary>
internal sealed class StorageQueueWorkTransport(QueueServiceClient service, IOptions<AzureStorageOptions> options, IOptions<WorkOptions> work, TimeProvider clock)
    : IWorkTransport
{
    public const string TransportName = "storage-queue";
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);
    private readonly ConcurrentDictionary<string, Lazy<Task<QueueClient>>> _queues = new(StringComparer.Ordinal);
    private readonly TimeSpan _visibility = TimeSpan.FromSeconds(work.Value.LeaseSeconds);
    private readonly TimeSpan _maxPoll = TimeSpan.FromMilliseconds(options.Value.QueuePollMilliseconds);

    public string Name => TransportName;

    public bool IsDurable => true;

    public string QueueName(string kind) => options.Value.TablePrefix.ToLowerInvariant() + "work-" + kind;

    public Task SendAsync(IReadOnlyList<WorkMessage> messages, CancellationToken cancellationToken) =>
        Task.WhenAll(messages.Select(async m =>
        {
            var queue = await QueueAsync(m.Kind);
            var now = clock.GetUtcNow();
            var delay = m.NotBefore <= now ? TimeSpan.Zero : WorkMessage.WholeSecondsAfter(m.NotBefore) - now;
            var visibility = delay <= TimeSpan.Zero ? (TimeSpan?)null : delay < MaxDelay ? TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds)) : MaxDelay;
            await queue.SendMessageAsync(BinaryData.FromString(m.ToJson().ToJsonString()), visibility, TimeSpan.FromSeconds(-1), cancellationToken);
        }));

    /// <summary>Polls, backing off to <see cref="AzureStorageOptions.QueuePollMilliseconds"/> while the queue stays empty.</summary>
    public async Task<IReadOnlyList<ReceivedWork>> ReceiveAsync(string kind, int maxMessages, CancellationToken cancellationToken)
    {
        var queue = await QueueAsync(kind);
        var wait = TimeSpan.FromMilliseconds(25);
        while (true)
        {
            QueueMessage[] messages = await queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), _visibility, cancellationToken);
            var batch = new List<ReceivedWork>(messages.Length);
            foreach (var message in messages)
            {
                if (WorkMessage.FromJson(message.Body.ToString()) is { } work)
                {
                    batch.Add(new ReceivedWork(work, (int)message.DequeueCount, new Receipt(kind, message.MessageId, message.PopReceipt)));
                }
                else
                {
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
            }

            if (batch.Count > 0 || wait >= _maxPoll)
            {
                return batch;
            }

            await Task.Delay(wait, clock, cancellationToken);
            wait *= 2;
        }
    }

    public async Task CompleteAsync(ReceivedWork received, WorkMessage? following, CancellationToken cancellationToken)
    {
        if (following is not null)
        {
            await SendAsync([following], cancellationToken);
        }

        var receipt = (Receipt)received.Receipt;
        try
        {
            await (await QueueAsync(receipt.Kind)).DeleteMessageAsync(receipt.MessageId, receipt.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Visibility lapsed and someone else holds it now; their run finds the item settled.
        }
    }

    public async Task ReleaseAsync(ReceivedWork received, TimeSpan delay, CancellationToken cancellationToken)
    {
        var receipt = (Receipt)received.Receipt;
        try
        {
            await (await QueueAsync(receipt.Kind)).UpdateMessageAsync(receipt.MessageId, receipt.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already visible again to others.
        }
    }

    private Task<QueueClient> QueueAsync(string kind) =>
        _queues.GetOrAdd(kind, k => new Lazy<Task<QueueClient>>(async () =>
        {
            var queue = service.GetQueueClient(QueueName(k));
            await queue.CreateIfNotExistsAsync();
            return queue;
        })).Value;

    private sealed record Receipt(string Kind, string MessageId, string PopReceipt);
}
