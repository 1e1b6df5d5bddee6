using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// The published contract: the served WSDLs match their reviewed copies, have the WS-I Basic Profile shape, resolve
/// every reference inside themselves, compile with .NET and with libxml2, and the sample envelopes conform.
/// </summary>
public sealed partial class WsdlTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    [Theory]
    [InlineData("DealerService")]
    [InlineData("DealerCallback")]
    public async Task ServedWsdl_MatchesTheGoldenCopy(string service)
    {
        var served = await GetAsync($"/soap/{service}.svc?wsdl");

        Golden.AssertMatches(service + ".wsdl", Address().Replace(served, "location=\"https://dms.example/soap/DealerService.svc\""));
    }

    [Fact]
    public async Task SampleEnvelopes_OnePerOperation_MatchTheirGoldenCopies_AndTheReadme()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(RepoRoot.Path, "README.md"));

        var samples = SampleEnvelopes.Inputs(Contract).ToList();
        foreach (var (operation, input) in samples)
        {
            Golden.AssertMatches($"samples/{operation.Name}.xml", SampleEnvelopes.Envelope(operation, input));
        }

        var missing = samples.Select(s => $"schemas/soap/samples/{s.Operation.Name}.xml").Where(link => !readme.Contains(link, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "README.md does not link " + string.Join(", ", missing));
    }

    [Fact]
    public async Task DealerServiceWsdl_DocumentLiteralWrapped_EveryOperationDocumented_OneNamespace()
    {
        var wsdl = XDocument.Parse(await GetAsync("/soap/DealerService.svc?wsdl"));
        var root = wsdl.Root!;

        Assert.Equal("urn:dms:dealer:v1", (string?)root.Attribute("targetNamespace"));
        Assert.All(wsdl.Descendants(Contracts.Xs + "schema"), s => Assert.Equal("urn:dms:dealer:v1", (string?)s.Attribute("targetNamespace")));
        Assert.Empty(wsdl.Descendants(Contracts.Xs + "import").Concat(wsdl.Descendants(Contracts.Xs + "include")));
        var operations = root.Element(Contracts.Wsdl + "portType")!.Elements(Contracts.Wsdl + "operation").ToList();
        Assert.Equal(Contract.Dealer.Operations.Select(o => o.Name), operations.Select(o => (string?)o.Attribute("name")));
        Assert.All(operations, o => Assert.False(string.IsNullOrWhiteSpace((string?)o.Element(Contracts.Wsdl + "documentation")), (string?)o.Attribute("name")));
        var binding = root.Element(Contracts.Wsdl + "binding")!;
        Assert.Equal(("http://schemas.xmlsoap.org/soap/http", "document"), ((string?)binding.Element(Contracts.Soap + "binding")!.Attribute("transport"), (string?)binding.Element(Contracts.Soap + "binding")!.Attribute("style")));
        Assert.All(binding.Descendants(Contracts.Soap + "body"), body => Assert.Equal("literal", (string?)body.Attribute("use")));
        Assert.Equal(operations.Count, binding.Descendants(Contracts.Soap + "operation").Select(o => (string?)o.Attribute("soapAction")).Distinct().Count());
        Assert.All(root.Elements(Contracts.Wsdl + "message"), message => Assert.Equal("parameters", (string?)Assert.Single(message.Elements(Contracts.Wsdl + "part")).Attribute("name")));
        Assert.Equal(fixture.SoapUrl, (string?)wsdl.Descendants(Contracts.Soap + "address").Single().Attribute("location"));
        Assert.DoesNotContain("nillable", wsdl.ToString(), StringComparison.Ordinal);
        Contracts.SchemaOf(wsdl);
    }

    [Fact]
    public async Task ServedWsdl_ClosedCodeListsAreEnumerations_RequiredElementsMinOccursOne_DatesTyped()
    {
        var schema = Contracts.Schema(XDocument.Parse(await GetAsync("/soap/DealerService.svc?wsdl")));

        foreach (var list in new[] { "WarrantyClaimType", "RetailDeliveryReportSaleType", "VehicleOrderType", "VehicleOrderStateLastCodeEvent", "Status", "DocumentTypeName", "AcknowledgementOutcome" })
        {
            var type = schema.Descendants(Contracts.Xs + "simpleType").Single(t => (string?)t.Attribute("name") == list);
            Assert.NotEmpty(type.Descendants(Contracts.Xs + "enumeration"));
        }

        var claim = schema.Descendants(Contracts.Xs + "complexType").Single(t => (string?)t.Attribute("name") == "WarrantyClaim");
        var vin = claim.Descendants(Contracts.Xs + "element").Single(e => (string?)e.Attribute("name") == "vin");
        Assert.Null(vin.Attribute("minOccurs"));
        Assert.Equal("[A-HJ-NPR-Z0-9]{17}", (string?)vin.Descendants(Contracts.Xs + "pattern").Single().Attribute("value"));
        var repair = schema.Descendants(Contracts.Xs + "complexType").Single(t => (string?)t.Attribute("name") == "WarrantyClaimRepairOrder");
        Assert.Equal("xs:date", (string?)repair.Descendants(Contracts.Xs + "element").Single(e => (string?)e.Attribute("name") == "closedOn").Attribute("type"));
        var labor = schema.Descendants(Contracts.Xs + "complexType").Single(t => (string?)t.Attribute("name") == "WarrantyClaimLaborLines");
        Assert.Equal(("laborLine", "50"), ((string?)labor.Descendants(Contracts.Xs + "element").Single().Attribute("name"), (string?)labor.Descendants(Contracts.Xs + "element").Single().Attribute("maxOccurs")));
    }

    [Fact]
    public async Task EmbeddedSchema_CompilesWithXmllint_AndEverySampleRequestValidates()
    {
        var folder = Directory.CreateTempSubdirectory("dms-xsd-");
        try
        {
            var schemaPath = Path.Combine(folder.FullName, "dealer.xsd");
            Contracts.Schema(XDocument.Parse(await GetAsync("/soap/DealerService.svc?wsdl"))).Save(schemaPath);
            var bodies = new List<string>();
            foreach (var (operation, input) in SampleEnvelopes.Inputs(Contract))
            {
                var body = XDocument.Parse(SampleEnvelopes.Envelope(operation, input)).Root!.Elements().Last().Elements().Single();
                var path = Path.Combine(folder.FullName, operation.Name + ".xml");
                new XDocument(body).Save(path);
                bodies.Add(path);
            }

            var (exit, output) = await Programs.RunAsync("xmllint", ["--noout", "--schema", schemaPath, .. bodies]);

            Assert.True(exit == 0, output);
            Assert.Equal(bodies.Count, Regex.Count(output, " validates"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task WsdlForAHostNotServed_400_ForgedForwardedHeadersFromAnUntrustedPeer_Ignored()
    {
        using var http = fixture.Hub.Client();
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/soap/DealerService.svc?wsdl");
        forged.Headers.Host = "evil.example";
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "/soap/DealerService.svc?wsdl");
        forwarded.Headers.Add("X-Forwarded-Host", "evil.example");
        forwarded.Headers.Add("X-Forwarded-Proto", "https");

        using var refused = await http.SendAsync(forged);
        var ignored = XDocument.Parse(await (await http.SendAsync(forwarded)).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("evil", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(fixture.SoapUrl, (string?)ignored.Descendants(Contracts.Soap + "address").Single().Attribute("location"));
    }

    [Fact]
    public void Registry_EveryTypeWithOemEventsHasAStateSchema_EveryOperationNameUnique()
    {
        var types = fixture.Hub.Service<Dms.Hub.Registry.DocumentTypeRegistry>().All;
        var catalog = fixture.Hub.Service<Dms.Hub.Validation.SchemaCatalog>();

        Assert.All(types.Where(t => t.EventSchemaName is not null), t => Assert.True(t.StateSchemaName is { } state && catalog.Names.Contains(state),
            $"{t.Name} records OEM events but declares no StateSchemaName in the catalog (GetDocumentStatus could not type its OEM data)"));
        var names = Contract.Dealer.Operations.Select(o => o.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(types.Sum(t => 1 + t.Commands.Count) + fixture.Hub.Service<Dms.Hub.Services.DealerServices>().All.Count + 3, names.Count);
    }

    private SoapContract Contract => fixture.Hub.Service<SoapContract>();

    private async Task<string> GetAsync(string path)
    {
        using var http = fixture.Hub.Client();
        return await http.GetStringAsync(path);
    }

    [GeneratedRegex("location=\"http://127\\.0\\.0\\.1:\\d+/soap/DealerService\\.svc\"")]
    private static partial Regex Address();
}
