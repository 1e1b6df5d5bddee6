using System.Net;
using System.Text.Json.Nodes;
using Dms.Hub.Effects;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using static Dms.Functions.Tests.VehicleOrders.OrderRequests;

namespace Dms.Functions.Tests.VehicleOrders;

/// <summary>
/// What a rejected or cancelled order (or an unwound RDR) gives back is a work item committed with the change (the hub's
/// <c>ReservationRelease</c> effect), on a hub whose work loop is off so the test runs the item itself: the item is
/// stored before anything is released (a crash after the commit cannot lose the release), and it gives back only what
/// a document still in a releasing state holds — an order resubmitted before the item ran keeps its unit.
/// </summary>
public sealed class ReservationReleaseTests(FakeClockHubFixture fixture) : IClassFixture<FakeClockHubFixture>
{
    private HubHost Hub => fixture.Hub;

    private static JsonObject Rejected => Event("Rejected", new() { ["editErrors"] = new JsonArray(new JsonObject { ["code"] = "E215", ["field"] = "options", ["message"] = "Not buildable." }) });

    [Fact]
    public async Task Rejected_TheReleaseIsStoredWorkCommittedWithTheEvent_TheUnitGoesWhenItRuns()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidOrderAsync();

        await dealer.MoveAsync(trackingId, Rejected);
        var heldAfterEvent = await UnitHolderAsync(dealer, trackingId);
        var release = Assert.Single(await ReleaseItemsAsync(trackingId));
        var outcome = await Hub.Service<WorkRunner>().RunAsync(release.Ref, CancellationToken.None);

        Assert.Equal(dealer.Dealer.Code + "/" + trackingId, heldAfterEvent);
        Assert.Equal(WorkOutcomeKind.Completed, outcome.Kind);
        Assert.Null(await UnitHolderAsync(dealer, trackingId));
        Assert.Empty(await ReleaseItemsAsync(trackingId));
    }

    [Fact]
    public async Task ResubmittedBeforeTheReleaseRan_KeepsTheUnitItHolds()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var order = TestDocuments.Order();
        var trackingId = await dealer.SubmitValidOrderAsync(order);
        await dealer.MoveAsync(trackingId, Rejected);
        var release = Assert.Single(await ReleaseItemsAsync(trackingId));

        var (status, body) = await dealer.OrderCommandAsync(trackingId, "resubmissions", order);
        var outcome = await Hub.Service<WorkRunner>().RunAsync(release.Ref, CancellationToken.None);

        Assert.Equal((HttpStatusCode.Accepted, "Submitted"), (status, body.Status()));
        Assert.Equal(WorkOutcomeKind.Completed, outcome.Kind);
        Assert.Equal(dealer.Dealer.Code + "/" + trackingId, await UnitHolderAsync(dealer, trackingId));
    }

    [Fact]
    public async Task CancelledAfterRejected_OneRelease()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var trackingId = await dealer.SubmitValidOrderAsync();
        await dealer.MoveAsync(trackingId, Rejected);

        var (status, body) = await dealer.OrderCommandAsync(trackingId, "cancel", new JsonObject { ["reason"] = "CUSTOMER_WITHDREW" });

        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
        Assert.Equal("Cancelled", body.Status());
        Assert.Single(await ReleaseItemsAsync(trackingId));
    }

    [Fact]
    public async Task UnwoundByTheDealer_TheRetailIsGivenBackBeforeTheAnswer()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var vin = TestDocuments.NewVin();
        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-10)));
        var trackingId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();

        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{trackingId}/unwind", new JsonObject { ["reason"] = "FINANCING_DECLINED" });
        var claim = await dealer.SubmitClaimAsync(TestDocuments.Claim(vin));

        // The release effect has not run (no work loop here): the claim is refused all the same.
        Assert.Equal("Unwound", (await unwind.ReadJsonAsync())["status"]!.GetValue<string>());
        Assert.Single(await ReleaseItemsAsync(trackingId));
        Assert.True(claim.Status == HttpStatusCode.UnprocessableEntity, claim.Body.ToJsonString());
        Assert.Equal("NO_WARRANTY_RECORD", claim.Body["errors"]![0]!["code"]!.GetValue<string>());
    }

    /// <summary>"dealer/trackingId" of the order holding the unit the order took at intake, or null when that row is gone.</summary>
    private async Task<string?> UnitHolderAsync(DealerSession dealer, string trackingId)
    {
        var order = await Hub.Service<IDocumentStore>().GetAsync(dealer.Dealer.Code, "vehicle-order", trackingId, CancellationToken.None);
        var (scope, unit) = Assert.Single(order!.Units);
        var row = (await Hub.Service<IReservationStore>().ListAsync(scope, CancellationToken.None)).SingleOrDefault(e => e.Key == unit.Key);
        return row is null ? null : row.Holder.DocumentNumber == order.DocumentNumber ? order.DealerCode + "/" + trackingId : "another holder";
    }

    // The effect's name as its work items carry it (and the bench reports its step).
    private async Task<List<WorkItem>> ReleaseItemsAsync(string trackingId)
    {
        var found = new List<WorkItem>();
        await foreach (var item in Hub.Service<IWorkStore>().ScanPendingAsync(CancellationToken.None))
        {
            if (item.Kind == WorkKinds.Effect && item.TrackingId == trackingId && item.Arg(DocumentEffects.EffectArgument) == "release-reservations")
            {
                found.Add(item);
            }
        }

        return found;
    }
}
