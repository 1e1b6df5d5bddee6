using System.Net;
using System.Text.Json.Nodes;

namespace Dms.Adapters.Soap.Tests.Suds;

/// <summary>
/// A second independent SOAP stack: Debian's python3-suds builds its client from the served WSDL alone (no code shared
/// with zeep, WCF or the hub) and submits, resends, reads, cancels (with a retried command ID and an unlisted reason),
/// reads another dealer's order and pulls notifications. dotnet-svcutil would be the natural second stack for .NET
/// integrators, but the NuGet mirror here does not serve it.
/// </summary>
public sealed class SudsClientTests(SoapHubFixture fixture, ITestOutputHelper output) : IClassFixture<SoapHubFixture>
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Suds_VehicleOrderOperationsOfTheServedWsdl_BehaveAsTheContractSays()
    {
        Assert.True(File.Exists(Python), "python3-suds runs with Debian's /usr/bin/python3 (./dms test installs python3-suds)");
        var dealer = await fixture.CreateDealerAsync();
        var other = await fixture.CreateDealerAsync();
        var order = TestDocuments.Order();
        var plan = new JsonObject
        {
            ["wsdl"] = fixture.SecureSoapUrl + "?wsdl", ["code"] = dealer.Code, ["password"] = dealer.SoapSecret, ["order"] = order,
            ["otherOrder"] = await SubmitOverRestAsync(dealer), ["foreignOrder"] = await SubmitOverRestAsync(other),
        };

        var reply = await RunAsync(plan);

        Assert.Contains("SubmitVehicleOrder", reply["operations"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Contains("CUSTOMER_WITHDREW", reply["reasons"]!.AsArray().Select(o => o!.GetValue<string>()));
        var trackingId = reply["submitted"]!["trackingId"]!.GetValue<string>();
        Assert.Equal(("Accepted", "Submitted", false), Ack(reply["submitted"]!));
        Assert.Equal(("Accepted", "Submitted", true), Ack(reply["resent"]!));
        Assert.Equal(trackingId, reply["resent"]!["trackingId"]!.GetValue<string>());
        Assert.Equal(("Found", "vehicle-order", "Submitted"), (Text(reply["status"]!, "outcome"), Text(reply["status"]!, "documentType"), Text(reply["status"]!, "status")));
        Assert.Equal(["CancelVehicleOrder", "AmendVehicleOrder"], reply["status"]!["allowedActions"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(("Accepted", "Cancelled", false), Ack(reply["cancelled"]!));
        Assert.Equal(("Accepted", "Cancelled", true), Ack(reply["retried"]!));
        var refused = reply["refused"]!;
        Assert.Equal("Rejected", Text(refused, "outcome"));
        Assert.Equal(("documentCommand/reason", "INVALID_VALUE"), (Text(refused["errors"]![0]!, "path"), Text(refused["errors"]![0]!, "code")));
        Assert.Equal("NotFound", Text(reply["foreign"]!, "outcome"));
        Assert.Contains(trackingId, reply["pulled"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    private async Task<JsonObject> RunAsync(JsonObject plan)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, plan.ToJsonString());
        try
        {
            var script = Path.Combine(RepoRoot.Path, "tests", "Dms.Adapters.Soap.Tests", "suds", "suds_client.py");
            var (exit, text) = await Programs.RunAsync(Python, [script, file], TimeSpan.FromMinutes(3));
            output.WriteLine(text);
            Assert.True(exit == 0, text);
            return JsonNode.Parse(text.Trim().Split('\n')[^1])!.AsObject();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<string> SubmitOverRestAsync(SoapDealer dealer)
    {
        using var client = fixture.Hub.Client(dealer.ApiKey);
        using var response = await client.PostJsonAsync("/api/v1/vehicle-orders", TestDocuments.Order());
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToJsonString());
        return body["trackingId"]!.GetValue<string>();
    }

    private static (string?, string?, bool?) Ack(JsonNode reply) => (Text(reply, "outcome"), Text(reply, "status"), reply["replayed"]?.GetValue<bool>());

    private static string? Text(JsonNode node, string name) => node[name]?.GetValue<string>();
}
