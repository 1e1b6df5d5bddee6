using System.Globalization;
using Dms.Testing.Soap;
using Dms.Testing.Soap.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// Stock snapshots and suggested stock orders through the real WCF client, with a contract written from the WSDL:
/// the snapshot chain (resend replayed, gap refused with the snapshot to follow, rule errors with XML paths), and a
/// suggestion made, read the same as over REST, confirmed, confirmed again (replayed) and hidden from other dealers.
/// </summary>
public sealed class SoapPartsServiceTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    [Fact]
    public async Task SubmitPartsInventory_FullResentGapDuplicatePart_AnsweredAsTheChainSays()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var full = Snapshot("F1", null, Part("15400-AUR-001", 5), Part("98079-AUR-200", 8));

        var first = await service.SubmitPartsInventoryAsync(full);
        var resent = await service.SubmitPartsInventoryAsync(full);
        var gap = await service.SubmitPartsInventoryAsync(Snapshot("I2", "NOT-F1", Part("15400-AUR-001", 1)));
        var twice = await service.SubmitPartsInventoryAsync(Snapshot("D1", null, Part("15400-AUR-001", 1), Part("15400-AUR-001", 2)));
        using var rest = fixture.Hub.Client(dealer.ApiKey);
        var head = await rest.GetJsonAsync("/api/v1/parts-inventory");

        Assert.Equal(("Accepted", false, 1L, 2L), (first.Outcome, first.Replayed, first.PartsInventorySnapshot!.Sequence, first.PartsInventorySnapshot.StockedParts));
        Assert.Equal(("Accepted", true, first.PartsInventorySnapshot.ReceivedAt), (resent.Outcome, resent.Replayed, resent.PartsInventorySnapshot!.ReceivedAt));
        Assert.Equal(("Conflict", "INVENTORY_SEQUENCE_GAP", null), (gap.Outcome, gap.Code, gap.PartsInventorySnapshot));
        Assert.Equal(("expectedPreviousSnapshotId", "F1"), (Assert.Single(gap.Details!).Name, gap.Details![0].Value));
        Assert.Equal(("Rejected", "VALIDATION_FAILED"), (twice.Outcome, twice.Code));
        Assert.Contains(twice.Errors!, e => e is { Path: "partsInventory/parts/part[2]/partNumber", JsonPointer: "/parts/1/partNumber", Code: "DUPLICATE_PART" });
        Assert.Equal(("F1", 1), (head["snapshotId"]!.GetValue<string>(), head["sequence"]!.GetValue<int>()));
    }

    [Fact]
    public async Task RequestAndConfirmSuggestion_LinesAsRest_ConfirmedAgainReplayed_OtherDealerNotFound()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = Open(dealer);
        var none = await service.RequestPartsOrderSuggestionAsync(new PartsOrderSuggestionRequest());
        await service.SubmitPartsInventoryAsync(Snapshot("S1", null, Part("45022-AUR-010", 0, sales: 365), Part("15400-AUR-001", 50)));

        var made = await service.RequestPartsOrderSuggestionAsync(null);
        var suggestion = made.PartsOrderSuggestion!;
        using var rest = fixture.Hub.Client(dealer.ApiKey);
        var view = await rest.GetJsonAsync("/api/v1/parts-orders/suggestions/" + suggestion.SuggestionId);
        var confirmation = new PartsOrderSuggestionConfirmation { DealerOrderNumber = "SOAP-" + TestDocuments.Next() };
        var confirmed = await service.ConfirmPartsOrderSuggestionAsync(suggestion.SuggestionId, confirmation);
        var again = await service.ConfirmPartsOrderSuggestionAsync(suggestion.SuggestionId, confirmation);
        var stolen = await Open(await fixture.CreateDealerAsync()).ConfirmPartsOrderSuggestionAsync(suggestion.SuggestionId, null);

        Assert.Equal(("Conflict", "NO_INVENTORY"), (none.Outcome, none.Code));
        Assert.Equal(("Accepted", "S1"), (made.Outcome, suggestion.SnapshotId));
        var expected = view["lines"]!.AsArray().Select(l => (l!["partNumber"]!.GetValue<string>(), l["quantity"]!.GetValue<long>(), l["safetyStock"]!.GetValue<decimal>(), l["orderUpTo"]!.GetValue<decimal>(), l["demand"]!["source"]!.GetValue<string>()));
        Assert.Equal(expected, suggestion.Lines.Select(l => (l.PartNumber, l.Quantity, l.SafetyStock, l.OrderUpTo, l.Demand.Source)));
        Assert.Contains(suggestion.Lines, l => l.PartNumber == "45022-AUR-010" && l.Quantity > 0 && l.Demand.Mean == 1m);
        var order = Assert.Single(confirmed.PartsOrderSuggestionConfirmed!.Orders);
        Assert.Equal(("Accepted", false, false), (confirmed.Outcome, confirmed.Replayed, order.Replayed));
        Assert.Equal(["CancelPartsOrder"], order.AllowedActions!.Select(a => a.SoapOperation));
        Assert.Equal(("Accepted", true, order.TrackingId), (again.Outcome, again.Replayed, Assert.Single(again.PartsOrderSuggestionConfirmed!.Orders).TrackingId));
        Assert.Equal(("NotFound", null), (stolen.Outcome, stolen.PartsOrderSuggestionConfirmed));
        var stored = await rest.GetJsonAsync("/api/v1/parts-orders/" + order.TrackingId);
        Assert.Equal(("suggested", confirmation.DealerOrderNumber, "soap"), (stored["document"]!["source"]!.GetValue<string>(),
            stored["document"]!["dealerOrderNumber"]!.GetValue<string>(), stored["timeline"]![0]!["channel"]!.GetValue<string>()));
    }

    private IDealerService Open(SoapDealer dealer) => SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel();

    private static PartsInventory Snapshot(string id, string? previous, params PartsInventoryPart[] parts) => new()
    {
        SnapshotId = id,
        PreviousSnapshotId = previous,
        Kind = previous is null ? "Full" : "Incremental",
        AsOf = DateTime.ParseExact(DateTime.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture), "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        Parts = parts,
    };

    private static PartsInventoryPart Part(string number, long onHand, long? sales = null) =>
        new() { PartNumber = number, OnHand = onHand, TwelveMonthSales = sales ?? 0, TwelveMonthSalesSpecified = sales is not null };
}
