using Dms.Hub.Effects;
using Dms.Hub.Dealers;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Workflow;

namespace Dms.Hub.Sales;

/// <summary>
/// A change of an RDR that changes what it counts for (accepted, unwound, rejected by the OEM …) brings its
/// contribution up to date. A status change that counts the same (an unwind requested or refused: still sold) needs no
/// work item at all.
/// </summary>
internal sealed class SalesRollupEffect(SalesRollupWriter writer, DealerDirectory dealers) : IDocumentEffect
{
    public string Name => "sales-rollup";

    public bool Wants(DocumentRecord document, string? previousStatus) =>
        document.DocumentType == RetailDeliveryType.TypeName
        && SalesFacts.CountingOf(document.Status) != (previousStatus is null ? SalesCounting.Nothing : SalesFacts.CountingOf(previousStatus));

    public async Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var dealer = await dealers.GetDealerAsync(document.DealerCode, cancellationToken);
        await writer.ApplyAsync(document.TrackingId, SalesFacts.From(document, dealer), cancellationToken);
    }
}
