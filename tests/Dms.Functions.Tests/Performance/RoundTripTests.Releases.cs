using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

using static Dms.Functions.Tests.VehicleOrders.OrderRequests;

namespace Dms.Functions.Tests.Performance;

/// <summary>
/// Round trips of what a document gives back on entering a releasing state: an effect committed with the change
/// (<c>release-reservations</c>), so the OEM's event that causes it is its batch alone, for every type.
/// </summary>
public sealed partial class RoundTripTests
{
    // The release effect's step as the bench reports it (Intake/ReservationRelease.cs).
    private const string ReleaseStep = "effect:release-reservations:Completed";

    /// <summary>
    /// A rejected order gives its allocation unit back through an effect committed with the event (issue 14: ≤ 2 round
    /// trips per OEM event; given back in line, the event cost its batch and the delete): the event is its batch alone;
    /// the effect reads the order as stored (a resubmitted order keeps its unit) and deletes the unit under the ETag the
    /// order recorded at intake, so the pool is not listed to find it.
    /// </summary>
    [Fact]
    public async Task RejectedOrder_EventIsOneBatch_TheEffectGivesTheUnitBackUnderTheETagItWasTakenWith()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var before = Steps();

        var trackingId = await dealer.SubmitValidOrderAsync();
        await dealer.WaitForDeliveryAsync(trackingId, path: "vehicle-orders");
        var rejected = Event("Rejected", new() { ["editErrors"] = new JsonArray(new JsonObject { ["code"] = "E215", ["field"] = "options", ["message"] = "Not buildable." }) });
        await dealer.MoveAsync(trackingId, Event("Acknowledged"), rejected);
        var steps = await WaitForStepsAsync(before, ("vehicle-order", ReleaseStep, 1));

        var report = Report(steps);
        AssertPerRun(steps, "vehicle-order", "oem-event:Rejected", 1, report);
        AssertPerRun(steps, "vehicle-order", ReleaseStep, 2, report);
        Assert.Equal((1, 1), (steps[$"vehicle-order {ReleaseStep}"].RoundTrips.GetValueOrDefault("table-read"), steps[$"vehicle-order {ReleaseStep}"].RoundTrips.GetValueOrDefault("table-write")));
        var order = await Hub.Service<IDocumentStore>().GetAsync(dealer.Dealer.Code, "vehicle-order", trackingId, TestContext.Current.CancellationToken);
        var (scope, unit) = Assert.Single(order!.Units);
        var pool = await Hub.Service<IReservationStore>().ListAsync(scope, TestContext.Current.CancellationToken);
        Assert.DoesNotContain(pool, e => e.Key == unit.Key && e.Holder.DocumentNumber == order.DocumentNumber);
    }

    /// <summary>
    /// The same mechanism for another type: the OEM's approval of an RDR's unwind is its batch alone (in line, the VIN's
    /// retail record was read and deleted after it: 3 round trips); the effect gives the record back.
    /// </summary>
    [Fact]
    public async Task UnwoundRdr_EventIsOneBatch_TheEffectGivesTheVinBack()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var rdr = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin(), TestDocuments.Today.AddDays(-120)));
        var trackingId = (await rdr.ReadJsonAsync())["trackingId"]!.GetValue<string>();
        using var unwind = await dealer.Http.PostJsonAsync($"/api/v1/retail-delivery-reports/{trackingId}/unwind", new JsonObject { ["reason"] = "FINANCING_DECLINED" });
        Assert.Equal("UnwindPending", (await unwind.ReadJsonAsync())["status"]!.GetValue<string>());
        var before = Steps();

        using var approved = await dealer.Oem.PostJsonAsync($"/api/v1/oem/retail-delivery-reports/{trackingId}/events", new JsonObject { ["type"] = "UnwindApproved" });
        var steps = await WaitForStepsAsync(before, ("retail-delivery-report", ReleaseStep, 1));

        var report = Report(steps);
        Assert.Equal("Unwound", (await approved.ReadJsonAsync())["status"]!.GetValue<string>());
        AssertPerRun(steps, "retail-delivery-report", "oem-event:UnwindApproved", 1, report);
        var document = await Hub.Service<IDocumentStore>().GetAsync(dealer.Dealer.Code, "retail-delivery-report", trackingId, TestContext.Current.CancellationToken);
        var store = Hub.Service<IReservationStore>();
        foreach (var held in Hub.Service<DocumentTypeRegistry>().Get("retail-delivery-report").ReservationsHeld(document!))
        {
            Assert.Null(await store.GetAsync(held.Scope, held.Key, TestContext.Current.CancellationToken));
        }
    }
}
