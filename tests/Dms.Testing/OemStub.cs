using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dms.Testing;

/// <summary>
/// WireMock playing the OEM's back ends: <c>/claims</c> (warranty), <c>/rdr</c> (HQ reporting), <c>/orders</c> (the
/// order system) and <c>/parts</c> (the parts depots). By default
/// every delivery is acknowledged; a test scripts answers for one document number without disturbing others.
/// </summary>
public sealed class OemStub : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public OemStub()
    {
        foreach (var path in new[] { "/claims", "/rdr", "/orders", "/parts" })
        {
            _server.Given(Request.Create().WithPath(path).UsingPost()).AtPriority(100)
                .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBodyAsJson(new { oemReference = "OEM-STUB-1" }));
        }
    }

    public string Url => _server.Url!;

    public string ClaimsUrl => Url + "/claims";

    public string RdrUrl => Url + "/rdr";

    public string OrdersUrl => Url + "/orders";

    public string PartsUrl => Url + "/parts";

    public WireMockServer Server => _server;

    /// <summary>Answers deliveries of <paramref name="documentNumber"/> with the given responses in turn; the last one repeats.</summary>
    public void Script(string documentNumber, params Func<IResponseBuilder, IResponseBuilder>[] answers)
    {
        var scenario = "doc-" + documentNumber;
        for (var i = 0; i < answers.Length; i++)
        {
            var request = Request.Create().UsingPost().WithBody(new JsonPartialMatcher($$"""{"documentNumber":"{{documentNumber}}"}"""));
            var step = _server.Given(request).AtPriority(1).InScenario(scenario);
            step = i == 0 ? step : step.WhenStateIs("step" + i);
            if (i < answers.Length - 1)
            {
                step = step.WillSetStateTo("step" + (i + 1));
            }

            step.RespondWith(answers[i](Response.Create().WithHeader("Content-Type", "application/json")));
        }
    }

    /// <summary>Drops the scripted answers for a document (it gets the default acknowledgement again).</summary>
    public void Unscript(string documentNumber)
    {
        foreach (var mapping in _server.Mappings.Where(m => m.Scenario == "doc-" + documentNumber).ToList())
        {
            _server.DeleteMapping(mapping.Guid);
        }
    }

    /// <summary>Every delivery of a document the stub received, oldest first.</summary>
    public IReadOnlyList<StubRequest> RequestsFor(string documentNumber) =>
        _server.LogEntries
            .Select(Parse)
            .Where(r => r.Body?["documentNumber"]?.GetValue<string>() == documentNumber)
            .OrderBy(r => r.At)
            .ToList();

    public void Dispose() => _server.Stop();

    private static StubRequest Parse(ILogEntry entry)
    {
        var message = entry.RequestMessage!;
        JsonObject? body = null;
        try
        {
            body = message.Body is { Length: > 0 } text ? JsonNode.Parse(text) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        string? Header(string name) => message.Headers?.TryGetValue(name, out var values) == true ? values.ToString() : null;
        return new StubRequest(message.Path, Header("Idempotency-Key"), Header("X-Api-Key"), message.DateTime, entry.ResponseMessage?.StatusCode?.ToString(), body, message.Body);
    }
}
