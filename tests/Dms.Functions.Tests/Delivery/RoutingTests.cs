using System.Net;

namespace Dms.Functions.Tests.Delivery;

/// <summary>Routing happens in the step that creates a message; a document no route matches is not lost but dead-lettered.</summary>
public sealed class RoutingTests(RoutingTests.Fixture fixture) : IClassFixture<RoutingTests.Fixture>
{
    [Fact]
    public async Task Submit_Routed_DeliveryCreatedInTheSameCommit()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub, brand: "Aurora");
        var vin = TestDocuments.NewVin();
        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(vin));
        var trackingId = (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();

        var report = await dealer.WaitForDeliveryAsync(trackingId, path: "retail-delivery-reports");

        var timeline = report["timeline"]!.AsArray().Select(e => e!["event"]!.GetValue<string>()).ToList();
        Assert.Equal(["Submitted", "Routed", "Delivered"], timeline);
        Assert.Equal(report["timeline"]![0]!["at"]!.GetValue<DateTimeOffset>().Date, report["deliveries"]![0]!["createdAt"]!.GetValue<DateTimeOffset>().Date);
    }

    [Fact]
    public async Task Submit_NoRouteMatches_AcceptedThenRoutingFailedAndDeadLettered()
    {
        using var dealer = await DealerSession.StartAsync(fixture.Hub, brand: "Borealis");
        using var response = await dealer.Http.PostJsonAsync("/api/v1/retail-delivery-reports", TestDocuments.Rdr(TestDocuments.NewVin()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var trackingId = (await response.ReadJsonAsync())["trackingId"]!.GetValue<string>();

        var report = await dealer.WaitForAsync(trackingId, r => r["timeline"]!.AsArray().Any(e => e!["event"]!.GetValue<string>() == "RoutingFailed"),
            "routing failure recorded", "retail-delivery-reports");

        Assert.Empty(report["deliveries"]!.AsArray());
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);
        var letter = (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray().Single(l => l!["trackingId"]?.GetValue<string>() == trackingId)!;
        Assert.Equal("route", letter["kind"]!.GetValue<string>());
        Assert.Contains("No route for retail-delivery-report (brand Borealis", letter["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>RDRs route only for the Aurora brand.</summary>
    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        protected override void Configure(Dictionary<string, string?> settings) => settings["Dms:Routing:Routes:1:Brand"] = "Aurora";
    }
}
