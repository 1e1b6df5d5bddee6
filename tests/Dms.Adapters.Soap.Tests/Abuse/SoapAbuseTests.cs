using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Testing.Soap;

namespace Dms.Adapters.Soap.Tests.Abuse;

/// <summary>
/// D1 for SOAP (RELIABILITY.md): over a thousand generated malformed envelopes, from every operation of the
/// contract. Every answer is a business reply that validates against the published WSDL, a 4xx, or a SOAP 1.1 fault
/// without internal text — never any other 5xx, and no reply speaks of JSON.
/// </summary>
public sealed class SoapAbuseTests(SoapHubFixture fixture, ITestOutputHelper output) : IClassFixture<SoapHubFixture>
{
    private static readonly XNamespace S = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly string[] Leaks = ["Exception", "   at ", "System.", "Dms.", "JSON", "/etc/"];

    [Fact]
    public async Task OverAThousandMalformedEnvelopes_EveryAnswerABusinessReplyA4xxOrACleanFault()
    {
        var dealer = await fixture.CreateDealerAsync(brand: SoapHubFixture.ExampleBrand);
        var valid = await ValidEnvelopesAsync(dealer);
        var requests = new MalformedEnvelopes(new Random(20261130)).Generate(valid, 1200).ToList();
        var schema = await SchemaAsync();
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var outcomes = new ConcurrentDictionary<string, int>();
        using var http = fixture.Hub.Client();

        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (request, _) =>
        {
            var (status, text) = await SendAsync(http, request);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            outcomes.AddOrUpdate($"{request.Mutation} → {status}", 1, (_, n) => n + 1);
            if (Verdict(status, text, schema) is { } failure)
            {
                failures.Add($"{request} → {status}: {failure}\n{Excerpt(text)}");
            }
        });

        output.WriteLine(string.Join('\n', outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Value,5}  {o.Key}")));
        Assert.True(requests.Count >= 1000, $"only {requests.Count} requests");
        Assert.Equal(fixture.Hub.Service<SoapContract>().Dealer.Operations.Select(o => o.Name).Order(), requests.Select(r => r.Operation).Distinct().Order());
        Assert.True(failures.IsEmpty, $"{failures.Count} bad answers:\n" + string.Join('\n', failures.Take(10)));
        Assert.Subset(new HashSet<int> { 200, 400, 404, 405, 413, 415, 500 }, statuses.Keys.ToHashSet());
        Assert.True(statuses.ContainsKey(200) && statuses.ContainsKey(500) && statuses.ContainsKey(400), string.Join(", ", statuses));
    }

    /// <summary>Null when acceptable: a reply of the contract, a 4xx, or a 500 that is a SOAP fault; never internal text.</summary>
    private static string? Verdict(int status, string text, XmlSchemaSet schema)
    {
        if (Leaks.FirstOrDefault(leak => text.Contains(leak, StringComparison.Ordinal)) is { } leaked)
        {
            return "internal text: " + leaked;
        }

        if (status is >= 400 and < 500)
        {
            return null;
        }

        XElement? content;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), Contracts.Safe);
            content = XDocument.Load(reader).Root?.Element(S + "Body")?.Elements().SingleOrDefault();
        }
        catch (XmlException)
        {
            return "not XML";
        }

        if (status == 500)
        {
            return content?.Name == S + "Fault" && content.Element("faultcode") is not null && content.Element("faultstring") is not null ? null : "500 without a SOAP fault";
        }

        if (status != 200 || content is null)
        {
            return "unexpected status";
        }

        var errors = new List<string>();
        new XDocument(new XElement(content)).Validate(schema, (_, e) => errors.Add(e.Message));
        return errors.Count == 0 ? null : "reply breaks the WSDL: " + errors[0];
    }

    /// <summary>
    /// One valid envelope per operation, its commands and status queries aimed at the dealer's own document of the
    /// operation's type: an RDR and a claim for its vehicle, and of every other type the sample document itself.
    /// </summary>
    private async Task<List<(string Operation, string Action, string Envelope)>> ValidEnvelopesAsync(SoapDealer dealer)
    {
        var service = SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel();
        var vin = TestDocuments.NewVin();
        var owned = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["retail-delivery-report"] = (await service.SubmitRetailDeliveryReportAsync(XmlDocuments.Rdr(vin))).TrackingId!,
            ["warranty-claim"] = (await service.SubmitWarrantyClaimAsync(XmlDocuments.Claim(vin))).TrackingId!,
        };
        var contract = fixture.Hub.Service<SoapContract>();
        foreach (var (operation, input) in SampleEnvelopes.Inputs(contract).Where(s => s.Operation.Kind == OperationKind.Submit && !owned.ContainsKey(s.Operation.Type!.Name)))
        {
            owned[operation.Type!.Name] = await SubmitSampleAsync(operation, SampleEnvelopes.Envelope(operation, input, dealer.Code, dealer.SoapSecret));
        }

        return [.. SampleEnvelopes.Inputs(contract).Select(sample =>
        {
            if (sample.Input.ContainsKey("trackingId"))
            {
                sample.Input["trackingId"] = sample.Operation.Type is { } type && owned.TryGetValue(type.Name, out var id) ? id : owned.Values.First();
            }

            return (sample.Operation.Name, sample.Operation.SoapAction, SampleEnvelopes.Envelope(sample.Operation, sample.Input, dealer.Code, dealer.SoapSecret));
        })];
    }

    private async Task<string> SubmitSampleAsync(SoapOperation operation, string envelope)
    {
        using var http = fixture.Hub.Client();
        var (status, text) = await SendAsync(http, new MalformedEnvelope(operation.Name, "none", System.Text.Encoding.UTF8.GetBytes(envelope), "text/xml; charset=utf-8", operation.SoapAction));
        var reply = XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName is "outcome" or "trackingId").ToDictionary(e => e.Name.LocalName, e => e.Value);
        Assert.True(status == 200 && reply.GetValueOrDefault("outcome") == "Accepted", $"the sample of {operation.Name} was not accepted: {Excerpt(text)}");
        return reply["trackingId"];
    }

    private async Task<XmlSchemaSet> SchemaAsync()
    {
        using var http = fixture.Hub.Client();
        return Contracts.SchemaOf(XDocument.Parse(await http.GetStringAsync("/soap/DealerService.svc?wsdl")));
    }

    private static async Task<(int Status, string Text)> SendAsync(HttpClient http, MalformedEnvelope request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/soap/DealerService.svc") { Content = new ByteArrayContent(request.Body) };
        if (request.ContentType is not null)
        {
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        if (request.SoapAction is not null)
        {
            message.Headers.TryAddWithoutValidation("SOAPAction", request.SoapAction.StartsWith('"') ? request.SoapAction : $"\"{request.SoapAction}\"");
        }

        using var response = await http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Excerpt(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
