using System.Net;
using System.Text;
using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>With storage unreachable a SOAP request gets a Server fault with 503 and Retry-After — not REST's JSON, no internal text — and the WSDL is still served.</summary>
public sealed class SoapStorageDownTests
{
    [Fact]
    public async Task StorageUnreachable_ServerFault503WithRetryAfter_WsdlStillServed()
    {
        const string closed = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteFixture.AccountKey + ";TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        await using var hub = await HubHost.StartAsync(HubSettings.Defaults(closed, "down", "http://127.0.0.1:9/claims", "http://127.0.0.1:9/rdr"), waitReady: false);
        var (operation, input) = SampleEnvelopes.Inputs(hub.Service<SoapContract>()).First(s => s.Operation.Name == "GetDocumentStatus");
        using var http = hub.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/DealerService.svc") { Content = new StringContent(SampleEnvelopes.Envelope(operation, input), Encoding.UTF8, "text/xml") };

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var wsdl = await http.GetAsync("/soap/DealerService.svc?wsdl");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter!.Delta);
        Assert.Contains("<faultcode xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\">s:Server</faultcode>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wsdl.StatusCode);
    }
}
