using System.Net;
using System.Text;

namespace Dms.Adapters.Soap.Tests;

/// <summary>Hostile or broken XML is refused before it is expanded: no 200, no internal text, bounded memory.</summary>
public sealed class HostileXmlTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    private static string Envelope(string body) => "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>" + body + "</s:Body></s:Envelope>";

    public static TheoryData<string, string, int> Attacks() => new()
    {
        { "billion laughs", BillionLaughs(), 400 },
        { "external entity (XXE)", "<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>" + Envelope("<GetDocumentStatus xmlns=\"urn:dms:dealer:v1\"><trackingId>&xxe;</trackingId></GetDocumentStatus>"), 400 },
        { "doctype only", "<!DOCTYPE foo>" + Envelope(""), 400 },
        { "parameter entity", "<!DOCTYPE x [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/evil.dtd\"> %p;]><x/>", 400 },
        { "deep nesting", Envelope(string.Concat(Enumerable.Repeat("<a>", 2000)) + string.Concat(Enumerable.Repeat("</a>", 2000))), 400 },
        { "many elements", Envelope(string.Concat(Enumerable.Repeat("<a/>", 50_000))), 400 },
        { "not xml", "this is not xml at all", 400 },
        { "unclosed", Envelope("<GetDocumentStatus>"), 400 },
        { "not an envelope", "<GetDocumentStatus xmlns=\"urn:dms:dealer:v1\"/>", 400 },
        { "soap 1.2 envelope", "<e:Envelope xmlns:e=\"http://www.w3.org/2003/05/soap-envelope\"><e:Body/></e:Envelope>", 400 },
        { "oversized", Envelope("<x>" + new string('a', 1024 * 1024) + "</x>"), 413 },
        { "value over the length limit", Envelope("<x>" + new string('a', 70_000) + "</x>"), 400 },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Post_HostileOrBrokenXml_RefusedWithCleanFaultAndBoundedMemory(string name, string body, int status)
    {
        using var http = fixture.Hub.Client();
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        using var response = await http.PostAsync("/soap/DealerService.svc", content);
        var text = await response.Content.ReadAsStringAsync();

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.True(status == (int)response.StatusCode, $"{name}: {(int)response.StatusCode} {text}");
        AssertCleanFault(text);
        Assert.True(allocated < 64L * 1024 * 1024, $"{name}: {allocated / 1024 / 1024} MB allocated while refusing it");
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/soap+xml")]
    [InlineData("text/xml; charset=utf-16")]
    public async Task Post_NotSoap11Utf8_415(string contentType)
    {
        using var http = fixture.Hub.Client();
        using var content = new StringContent(Envelope(""));
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await http.PostAsync("/soap/DealerService.svc", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        AssertCleanFault(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_Utf16Envelope_415()
    {
        using var http = fixture.Hub.Client();
        using var content = new ByteArrayContent([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Envelope(""))]);
        content.Headers.ContentType = new("text/xml");

        using var response = await http.PostAsync("/soap/DealerService.svc", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Post_AuthenticatedUnknownOperation_Fault_BadValue_RejectedWithItsPath()
    {
        var dealer = await fixture.CreateDealerAsync();
        using var http = fixture.Hub.Client();

        var unknown = await PostAuthenticatedAsync(http, dealer, "<Explode xmlns=\"urn:dms:dealer:v1\"/>", "urn:dms:dealer:v1/DealerService/Explode");
        var badValue = await PostAuthenticatedAsync(http, dealer,
            "<PullNotifications xmlns=\"urn:dms:dealer:v1\"><maxItems>lots</maxItems></PullNotifications>", "urn:dms:dealer:v1/DealerService/PullNotifications");

        Assert.Equal(500, unknown.Status);
        AssertCleanFault(unknown.Text);
        Assert.Equal(200, badValue.Status);
        Assert.Contains("<outcome>Rejected</outcome><errors><error><path>maxItems</path>", badValue.Text, StringComparison.Ordinal);
        Assert.Contains("<code>INVALID_TYPE</code>", badValue.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallbackEndpoint_Post_405()
    {
        using var http = fixture.Hub.Client();

        using var response = await http.PostAsync("/soap/DealerCallback.svc", new StringContent(Envelope(""), Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private static async Task<(int Status, string Text)> PostAuthenticatedAsync(HttpClient http, SoapDealer dealer, string body, string action)
    {
        var envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Header>" +
            "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\"><wsse:UsernameToken>" +
            $"<wsse:Username>{dealer.Code}</wsse:Username><wsse:Password>{dealer.SoapSecret}</wsse:Password></wsse:UsernameToken></wsse:Security>" +
            $"</s:Header><s:Body>{body}</s:Body></s:Envelope>";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/soap/DealerService.svc") { Content = new StringContent(envelope, Encoding.UTF8, "text/xml") };
        request.Headers.Add("SOAPAction", $"\"{action}\"");
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void AssertCleanFault(string text)
    {
        Assert.Contains("<s:Fault>", text, StringComparison.Ordinal);
        foreach (var leak in new[] { "Exception", " at ", "System.", "Dms.", "root:", "/etc/passwd", "Stack" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }
    }

    private static string BillionLaughs()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        }

        return $"<?xml version=\"1.0\"?><!DOCTYPE lolz [{entities}]>" + Envelope("<GetDocumentStatus xmlns=\"urn:dms:dealer:v1\"><trackingId>&lol9;</trackingId></GetDocumentStatus>");
    }
}
