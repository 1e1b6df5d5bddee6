using System.Text.Json.Nodes;
using Dms.Hub.Effects;
using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.Reporting;

/// <summary>
/// When a periodic report version is stored (or refused by the OEM), its reporting slot follows, and the versions it
/// replaces are marked Superseded. Both steps are idempotent, so the effect may run again or out of order.
/// </summary>
internal sealed class ReportVersionEffect(
    DocumentTypeRegistry types,
    ReportSlots slots,
    DocumentCommitter committer,
    DocumentWorkflow workflow,
    DealerDirectory dealers,
    ReportSettlement settlement) : IDocumentEffect
{
    public string Name => "report-slot";

    public bool Wants(DocumentRecord document, string? previousStatus) => types.Get(document.DocumentType) is IPeriodicReportType;

    public async Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var type = (IPeriodicReportType)types.Get(document.DocumentType);
        var report = type.Read(document.Body);
        foreach (var (trackingId, byVersion) in await slots.RecordVersionAsync(document, report, cancellationToken))
        {
            await SupersedeAsync(document, trackingId, byVersion, cancellationToken);
        }

        await settlement.ClearIfSettledAsync(document.DocumentType, report.Period, document.DealerCode, cancellationToken);
    }

    private async Task SupersedeAsync(DocumentRecord newer, string trackingId, int version, CancellationToken cancellationToken)
    {
        var dealer = await dealers.GetDealerAsync(newer.DealerCode, cancellationToken);
        var type = types.Get(newer.DocumentType);
        await committer.UpdateAsync(new DocumentKey(newer.DealerCode, newer.DocumentType, trackingId), null, document =>
        {
            if (document is null || dealer is null || !type.States.TryFire(document.Status, PeriodicReportLifecycle.Supersede, out var transition))
            {
                return null;
            }

            var changes = new Storage.ChangeSet(document.DealerCode) { Document = document };
            workflow.Apply(changes, document, transition, Actor.System(null), dealer, new JsonObject { ["supersededByVersion"] = version });
            return changes;
        }, cancellationToken);
    }
}
