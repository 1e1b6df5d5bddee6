using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Operations;

/// <summary>
/// Operators' view of failed work and its replay. A replay marks the dead letter (under its ETag), re-opens the
/// delivery on the document and schedules fresh work, all in one commit; replaying again changes nothing.
/// </summary>
public sealed class DeadLetters(IWorkStore work, IDocumentStore store, DocumentCommitter committer, DocumentWorkflow workflow)
{
    public Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken) => work.ListDeadLettersAsync(cancellationToken);

    public async Task<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken) =>
        DeadLetter.TryParseId(id, out var dealer, out var workId) ? await work.GetDeadLetterAsync(dealer, workId, cancellationToken) : null;

    /// <summary>Replays a dead letter; returns it as it stands afterwards (already replayed ones are returned unchanged).</summary>
    public async Task<DeadLetter?> ReplayAsync(string id, string operatorId, string? correlationId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var letter = await GetAsync(id, cancellationToken);
            if (letter is null || letter.ReplayedAt is not null)
            {
                return letter;
            }

            var now = workflow.Now;
            var item = letter.Item;
            var fresh = item with { Id = Ids.NewUlid(now), Attempt = 0, CreatedAt = now, DueAt = now, LastError = null, LeasedUntil = null };
            var changes = new ChangeSet(item.DealerCode) { ReplayedDeadLetter = letter with { ReplayedAt = now, ReplayWorkId = fresh.Id } };
            changes.NewWork.Add(fresh);
            if (item.TrackingId is not null && await store.GetAsync(item.DealerCode, item.DocumentType!, item.TrackingId, cancellationToken) is { } document)
            {
                ReopenDelivery(document, letter, fresh.Id, new Actor(operatorId, "operator", "admin", correlationId));
                changes.Document = document;
            }

            if (await committer.CommitAsync(changes, cancellationToken) == CommitResult.Committed)
            {
                return changes.ReplayedDeadLetter;
            }
        }

        throw new DocumentBusyException();
    }

    private void ReopenDelivery(DocumentRecord document, DeadLetter letter, string replayWorkId, Actor actor)
    {
        var item = letter.Item;
        var delivery = item.Arg("deliveryId") is { } deliveryId ? document.FindDelivery(deliveryId) : null;
        if (delivery is { Status: DeliveryStatus.DeadLettered })
        {
            delivery.Status = DeliveryStatus.Pending;
            delivery.LastError = null;
        }

        // Lineage: which dead letter was replayed as which new work item (the delivery, and so its Idempotency-Key, stay the same).
        workflow.Record(document, "Replayed", actor, new JsonObject
        {
            ["work"] = item.Kind, ["destination"] = delivery?.Destination, ["delivery"] = delivery?.Id, ["deadLetter"] = letter.Id, ["replayWorkId"] = replayWorkId,
        });
    }
}
