using System.Text.Json.Nodes;
using Dms.Hub.OemCodes;
using Dms.Hub.Registry;

namespace Dms.Adapters.Soap.Tests.Zeep;

/// <summary>
/// A WSDL-driven client that shares no code with the hub — Debian's python3-zeep, as a Java or scripting DMS would
/// integrate — runs every operation of the served WSDL: submissions (accepted, replayed, conflict, rejected with
/// errors), GetDocumentStatus against REST's view after each OEM event (stages, OEM codes, holds, ETAs, VINs), every
/// command with a retry, pull and acknowledge, the dealer services (stock snapshot chain, suggestion made, read as REST
/// reads it, confirmed and confirmed again), PasswordText and PasswordDigest, a wrong password, a replayed nonce and
/// another dealer's document and suggestion.
/// The documents come from the schema examples (<see cref="ExamplePlan"/>), so a new type needs no new test code.
/// </summary>
public sealed class ZeepClientTests(SoapHubFixture fixture, ITestOutputHelper output) : IClassFixture<SoapHubFixture>
{
    private const string Python = "/usr/bin/python3";

    [Fact]
    public async Task Zeep_EveryOperationOfTheServedWsdl_BehavesAsTheContractSays()
    {
        Assert.True(File.Exists(Python), "python3-zeep runs with Debian's /usr/bin/python3 (./dms test installs python3-zeep)");
        var plan = new ExamplePlan(fixture.Hub.Service<DocumentTypeRegistry>(), fixture.Hub.Service<OemCodeTranslator>()).Build();
        var dealer = await fixture.CreateDealerAsync(brand: SoapHubFixture.ExampleBrand);
        var other = await fixture.CreateDealerAsync(brand: SoapHubFixture.ExampleBrand);
        plan["services"] = ExamplePlan.Services(fixture.Hub.Service<Dms.Hub.Services.DealerServices>());
        plan["wsdlHttps"] = fixture.SecureSoapUrl + "?wsdl";
        plan["wsdlHttp"] = fixture.SoapUrl + "?wsdl";
        plan["rest"] = fixture.Hub.BaseAddress.ToString().TrimEnd('/');
        plan["oemKey"] = HubSettings.OemKey;
        plan["dealer"] = Credentials(dealer);
        plan["other"] = Credentials(other);
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, plan.ToJsonString());
        try
        {
            var script = Path.Combine(RepoRoot.Path, "tests", "Dms.Adapters.Soap.Tests", "zeep", "dealer_client.py");
            var (exit, text) = await Programs.RunAsync(Python, [script, file], TimeSpan.FromMinutes(5));
            output.WriteLine(text);

            Assert.True(exit == 0, text);
            Assert.Matches(@"zeep: \d+ operations exercised, 0 failures", text);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static JsonObject Credentials(SoapDealer dealer) => new() { ["code"] = dealer.Code, ["password"] = dealer.SoapSecret, ["apiKey"] = dealer.ApiKey };
}
