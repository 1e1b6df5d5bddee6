using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Routing;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Notifications;

/// <summary>Pushes one notification (carried in the work item) to the dealer's (or manager's) callback; its mailbox entry stays for pulling either way.</summary>
internal sealed class NotifyHandler(
    IDocumentStore store,
    DocumentCommitter committer,
    WorkFailures failures,
    DocumentWorkflow workflow,
    NotificationRecipients recipients,
    IServiceProvider services,
    IOptions<NotificationOptions> options,
    HubTelemetry telemetry,
    TimeProvider clock) : IWorkHandler
{
    public string Kind => WorkKinds.Notify;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var changes = new ChangeSet(item.DealerCode);
        var notification = item.Args["notification"] is JsonObject carried
            ? carried.Deserialize<Notification>(HubJson.Options)
            : await store.GetNotificationAsync(item.DealerCode, item.Arg("receiptId")!, cancellationToken);
        var dealer = await recipients.FindAsync(item.DealerCode, cancellationToken);
        var notifier = dealer is null ? null : services.GetKeyedService<IDealerNotifier>(dealer.NotificationChannel);
        if (notification is null || dealer is null || dealer.CallbackUrl is null || dealer.NotificationChannel == NotificationChannels.Mailbox)
        {
            // The dealer no longer wants pushes (or, for work made before pushes carried their notification, the entry
            // was pulled and acknowledged already): nothing left to do. A push is idempotent by its receipt ID.
            changes.CompleteWork = lease;
        }
        else if (notifier is null)
        {
            return await failures.DeadLetterAsync(lease, $"No notifier for channel '{dealer.NotificationChannel}'.", this, cancellationToken);
        }
        else
        {
            var result = await notifier.NotifyAsync(dealer, notification, cancellationToken);
            telemetry.Notifications.Add(1, new("channel", dealer.NotificationChannel), new("outcome", result.Outcome.ToString()));
            var retry = options.Value.Retry;
            if (result.Outcome == DeliveryOutcome.Delivered)
            {
                changes.CompleteWork = lease;
            }
            else if (result.Outcome == DeliveryOutcome.Deferred)
            {
                changes.DeferWork = (lease, clock.GetUtcNow() + (result.RetryAfter ?? TimeSpan.FromSeconds(2)), result.Error ?? "deferred");
            }
            else if (result.Outcome == DeliveryOutcome.Transient && lease.Attempt < retry.MaxAttempts)
            {
                var due = clock.GetUtcNow() + Backoff.Next(retry, lease.Attempt, result.RetryAfter, Random.Shared.NextDouble());
                changes.RescheduleWork = (lease, due, result.Error ?? "transient failure");
            }
            else
            {
                return await failures.DeadLetterAsync(lease, $"Notification to {dealer.NotificationChannel} failed after {lease.Attempt} attempts: {result.Error}", this, cancellationToken);
            }
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }

    /// <summary>The dealer's own view of the document says its push gave up (the entry is still in the mailbox).</summary>
    public bool RecordDeadLetter(DocumentRecord document, WorkLease lease, string reason, ChangeSet changes)
    {
        workflow.Record(document, "NotificationDeadLettered", Actor.System(lease.Item.CorrelationId), new JsonObject { ["receiptId"] = lease.Item.Arg("receiptId"), ["reason"] = reason });
        return true;
    }
}
