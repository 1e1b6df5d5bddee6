using Dms.Hub.Effects;
using Dms.Hub.Dealers;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Workflow;

namespace Dms.Hub.Sales;

/// <summary>Every change of an RDR (accepted, unwound, rejected by the OEM …) brings its contribution up to date.</summary>
internal sealed class SalesRollupEffect(SalesRollupWriter writer, DealerDirectory dealers) : IDocumentEffect
{
    public string Name => "sales-rollup";

    public bool Wants(DocumentRecord document, string? previousStatus) => document.DocumentType == RetailDeliveryType.TypeName;

    public async Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var dealer = await dealers.GetDealerAsync(document.DealerCode, cancellationToken);
        await writer.ApplyAsync(document.TrackingId, SalesFacts.From(document, dealer), cancellationToken);
    }
}
