using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Workflow;

namespace Dms.Hub.Sales;

/// <summary>
/// What the sales rollup needs of an RDR as committed at <paramref name="Revision"/>, carried on its rollup work item
/// so the item runs without reading the document: all but the dealer's region and district (the dealer directory's,
/// as before). <paramref name="FirstCount"/>: the change made the report count for the first time (it counted for
/// nothing before), so it has no stored contribution yet — written as new without reading it (a contribution that
/// exists after all fails the transaction, which is then planned again on what is stored).
/// </summary>
public sealed record SalesSource(int Revision, string Status, string Model, string SaleType, DateOnly SaleDate, DateOnly DeliveryDate, int LagDays, bool FirstCount)
{
    public static SalesSource Of(DocumentRecord document, string? previousStatus)
    {
        var report = document.Body.Deserialize<RetailDeliveryReport>(HubJson.Options)!;
        var lag = DateOnly.FromDateTime(document.SubmittedAt.UtcDateTime).DayNumber - report.DeliveryDate.DayNumber;
        var firstCount = previousStatus is null || SalesFacts.CountingOf(previousStatus) == SalesCounting.Nothing;
        return new SalesSource(document.Revision, document.Status, report.Vehicle.ModelCode, report.SaleType, report.SaleDate, report.DeliveryDate, lag, firstCount);
    }

    public static SalesSource? Parse(string json) => JsonSerializer.Deserialize<SalesSource>(json, HubJson.Options);

    public string ToJson() => JsonSerializer.Serialize(this, HubJson.Options);

    /// <summary>
    /// The facts at this revision; a report that counts for nothing has a zero vector (its contribution, if any, is
    /// zeroed, and an older change arriving later is recognised by the revision and ignored).
    /// </summary>
    public SalesFacts Facts(string dealerCode, Dealer? dealer)
    {
        var counting = SalesFacts.CountingOf(Status);
        var cell = new SalesCell(SalesCell.Clean(dealer?.Region), SalesCell.Clean(dealer?.District), dealerCode, Model, SaleType);
        var vector = counting == SalesCounting.Nothing ? SalesVector.Empty() : SalesVector.Of(counting == SalesCounting.Unwound, LagDays);
        return new SalesFacts(cell, SaleDate, DeliveryDate, vector, Revision);
    }
}
