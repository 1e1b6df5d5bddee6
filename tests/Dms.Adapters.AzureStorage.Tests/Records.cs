using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Adapters.AzureStorage.Tests;

internal static class Records
{
    public static DocumentRecord Document(string dealer, string status = "Submitted", JsonObject? body = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new DocumentRecord
        {
            TrackingId = TrackingIds.New(dealer, now),
            DocumentType = "warranty-claim",
            DealerCode = dealer,
            DocumentNumber = "WC-" + TestDocuments.Next(),
            Status = status,
            SubmittedAt = now,
            UpdatedAt = now,
            Body = body ?? new JsonObject { ["vin"] = "1HGCM82633A004352" },
        };
    }

    public static WorkItem Work(string dealer, DocumentRecord? document = null, DateTimeOffset? due = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new WorkItem(Ids.NewUlid(now), WorkKinds.Deliver, dealer, document?.DocumentType, document?.TrackingId, new JsonObject { ["deliveryId"] = "d1" }, now, due ?? now, "corr-1");
    }

    public static ChangeSet Create(DocumentRecord document, params WorkItem[] work)
    {
        var changes = new ChangeSet(document.DealerCode) { Document = document };
        changes.NewWork.AddRange(work);
        return changes;
    }

    public static string Dealer() => TestDocuments.NewDealerCode();
}
