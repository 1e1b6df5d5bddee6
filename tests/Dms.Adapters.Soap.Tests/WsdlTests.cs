using System.Xml.Linq;

namespace Dms.Adapters.Soap.Tests;

/// <summary>The published WSDLs: stable namespace, document/literal SOAP 1.1, every operation, one element part each (WS-I BP).</summary>
public sealed class WsdlTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/wsdl/soap/";

    [Fact]
    public async Task DealerServiceWsdl_DocumentLiteralWithEveryOperation()
    {
        var wsdl = await LoadAsync("/soap/DealerService.svc?wsdl");

        Assert.Equal("urn:dms:dealer:v1", (string?)wsdl.Root!.Attribute("targetNamespace"));
        var operations = wsdl.Root.Elements(Wsdl + "portType").Single().Elements(Wsdl + "operation").Select(o => (string?)o.Attribute("name")).Order().ToList();
        Assert.Equal(["AcknowledgeNotifications", "AppealWarrantyClaim", "CancelWarrantyClaim", "GetDocumentStatus", "PullNotifications",
            "ResubmitWarrantyClaim", "SubmitRetailDeliveryReport", "SubmitWarrantyClaim", "UnwindRetailDeliveryReport"], operations);
        var binding = wsdl.Root.Elements(Wsdl + "binding").Single();
        Assert.Equal("http://schemas.xmlsoap.org/soap/http", (string?)binding.Element(Soap + "binding")!.Attribute("transport"));
        Assert.All(binding.Descendants(Soap + "operation"), operation => Assert.Equal("document", (string?)operation.Attribute("style") ?? (string?)binding.Element(Soap + "binding")!.Attribute("style") ?? "document"));
        Assert.All(binding.Descendants(Soap + "body"), body => Assert.Equal("literal", (string?)body.Attribute("use")));
        Assert.All(wsdl.Root.Elements(Wsdl + "message"), message =>
        {
            var part = Assert.Single(message.Elements(Wsdl + "part"));
            Assert.NotNull(part.Attribute("element"));
        });
        Assert.EndsWith("/soap/DealerService.svc", (string?)wsdl.Descendants(Soap + "address").Single().Attribute("location"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbackWsdl_PublishesNotifyDocumentStatus()
    {
        var wsdl = await LoadAsync("/soap/DealerCallback.svc?wsdl");

        Assert.Equal("urn:dms:dealer-callback:v1", (string?)wsdl.Root!.Attribute("targetNamespace"));
        Assert.Equal("NotifyDocumentStatus", (string?)wsdl.Descendants(Wsdl + "operation").First().Attribute("name"));
    }

    private async Task<XDocument> LoadAsync(string path)
    {
        using var http = fixture.Hub.Client();
        return XDocument.Parse(await http.GetStringAsync(path));
    }
}
