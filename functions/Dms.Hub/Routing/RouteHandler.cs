using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Routing;

/// <summary>
/// Routes an outbound message that could not be routed when it was created (no route matched then), or a replayed
/// routing dead letter: one delivery per destination, or — still no route — the failure recorded and dead-lettered.
/// </summary>
internal sealed class RouteHandler(DocumentCommitter committer, DealerDirectory dealers, Router router, DocumentWorkflow workflow) : IWorkHandler
{
    public string Kind => WorkKinds.Route;

    public async Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        var message = item.Arg("message")!;
        var contentVersion = int.Parse(item.Arg("contentVersion")!, CultureInfo.InvariantCulture);
        var details = item.Args["details"] as JsonObject;
        var dealer = await dealers.GetDealerAsync(item.DealerCode, cancellationToken);
        var key = new DocumentKey(item.DealerCode, item.DocumentType!, item.TrackingId!);
        var system = Actor.System(item.CorrelationId);

        var (result, changes) = await committer.UpdateAsync(key, null, document =>
        {
            var changes = new ChangeSet(item.DealerCode);
            if (document is null || dealer is null)
            {
                changes.CompleteWork = lease;
                return changes;
            }

            changes.Document = document;
            var destinations = router.Resolve(document.DocumentType, dealer);
            if (destinations.Count == 0)
            {
                var reason = $"No route for {document.DocumentType} (brand {dealer.Brand}, region {dealer.Region}).";
                workflow.Record(document, "RoutingFailed", system, new JsonObject { ["message"] = message, ["reason"] = reason });
                changes.DeadLetterWork = (lease, reason);
                return changes;
            }

            workflow.AddDeliveries(changes, document, message, contentVersion, details, destinations, item.CorrelationId);
            changes.CompleteWork = lease;
            return changes;
        }, cancellationToken);

        return DocumentCommitter.OutcomeOf(result, changes);
    }
}
