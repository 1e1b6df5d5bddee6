using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Routing;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Notifications;

/// <summary>Pushes one mailbox entry to the dealer's (or manager's) callback; the entry stays in the mailbox for pulling either way.</summary>
internal sealed class NotifyHandler(
    IDocumentStore store,
    DocumentCommitter committer,
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
        var notification = await store.GetNotificationAsync(item.DealerCode, item.Arg("receiptId")!, cancellationToken);
        var dealer = await recipients.FindAsync(item.DealerCode, cancellationToken);
        var notifier = dealer is null ? null : services.GetKeyedService<IDealerNotifier>(dealer.NotificationChannel);
        if (notification is null || dealer is null || dealer.CallbackUrl is null || dealer.NotificationChannel == NotificationChannels.Mailbox)
        {
            // Acknowledged by a pull already, or the dealer no longer wants pushes: nothing left to do.
            changes.CompleteWork = lease;
        }
        else if (notifier is null)
        {
            changes.DeadLetterWork = (lease, $"No notifier for channel '{dealer.NotificationChannel}'.");
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
            else if (result.Outcome == DeliveryOutcome.Transient && lease.Attempt < retry.MaxAttempts)
            {
                var due = clock.GetUtcNow() + Backoff.Next(retry, lease.Attempt, result.RetryAfter, Random.Shared.NextDouble());
                changes.RescheduleWork = (lease, due, result.Error ?? "transient failure");
            }
            else
            {
                changes.DeadLetterWork = (lease, $"Notification to {dealer.NotificationChannel} failed after {lease.Attempt} attempts: {result.Error}");
            }
        }

        return DocumentCommitter.OutcomeOf(await committer.CommitAsync(changes, cancellationToken), changes);
    }
}
