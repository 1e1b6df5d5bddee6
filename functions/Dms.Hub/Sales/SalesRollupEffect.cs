using Dms.Hub.Effects;
using Dms.Hub.Dealers;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Workflow;

namespace Dms.Hub.Sales;

/// <summary>
/// A change of an RDR that changes what it counts for (accepted, unwound, rejected by the OEM …) brings its
/// contribution up to date. A status change that counts the same (an unwind requested or refused: still sold) needs no
/// work item at all. The item carries the RDR's sales facts and revision as committed (<see cref="SalesSource"/>), so
/// it reads neither the document nor — for a report counted for the first time — its contribution; items running out
/// of order or twice are told apart by the revision stored on the contribution.
/// </summary>
internal sealed class SalesRollupEffect(SalesRollupWriter writer, DealerDirectory dealers) : IDocumentEffect
{
    public string Name => "sales-rollup";

    public bool Wants(DocumentRecord document, string? previousStatus) =>
        document.DocumentType == RetailDeliveryType.TypeName
        && SalesFacts.CountingOf(document.Status) != (previousStatus is null ? SalesCounting.Nothing : SalesFacts.CountingOf(previousStatus));

    public string? Carry(DocumentRecord document, string? previousStatus) => SalesSource.Of(document, previousStatus).ToJson();

    public async Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken)
    {
        var dealer = await dealers.GetDealerAsync(document.DealerCode, cancellationToken);
        await writer.ApplyAsync(document.TrackingId, SalesFacts.From(document, dealer), cancellationToken);
    }

    public async Task ApplyCarriedAsync(string dealerCode, string trackingId, string carried, CancellationToken cancellationToken)
    {
        var source = SalesSource.Parse(carried) ?? throw new FormatException("The rollup work item carries no sales facts.");
        var dealer = await dealers.GetDealerAsync(dealerCode, cancellationToken);
        await writer.ApplyAsync(trackingId, source.Facts(dealerCode, dealer), source.FirstCount, cancellationToken);
    }
}
