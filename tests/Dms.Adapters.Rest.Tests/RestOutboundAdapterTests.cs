using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Dms.Adapters.Rest.Tests;

public sealed class RestOutboundAdapterTests : IDisposable
{
    private readonly WireMockServer _oem = WireMockServer.Start();
    private readonly ServiceProvider _services;

    public RestOutboundAdapterTests() => _services = Services(_oem, TimeProvider.System);

    private static ServiceProvider Services(WireMockServer oem, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Dms:Routing:Destinations:oem:Adapter"] = "rest",
            ["Dms:Routing:Destinations:oem:Url"] = oem.Url + "/claims",
            ["Dms:Routing:Destinations:oem:AuthHeader"] = "Authorization",
            ["Dms:Routing:Destinations:oem:AuthValue"] = "Bearer s3cret",
            ["Dms:Routing:Destinations:oem:TimeoutSeconds"] = "5",
            ["Dms:Routing:Destinations:oem:BreakMinimumThroughput"] = "4",
            ["Dms:Routing:Destinations:oem:BreakSeconds"] = "30",
            ["Dms:Routing:Destinations:down:Adapter"] = "rest",
            ["Dms:Routing:Destinations:down:Url"] = "http://127.0.0.1:9/claims",
            ["Dms:Security:MasterKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(clock);
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection(SecurityOptions.Section));
        services.AddSingleton<DealerSecrets>();
        services.AddRestAdapter(configuration);
        return services.BuildServiceProvider();
    }

    private IOutboundAdapter Adapter => _services.GetRequiredKeyedService<IOutboundAdapter>("rest");

    [Fact]
    public async Task Send_201WithReference_DeliveredWithHeadersOnTheWire()
    {
        Answer(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBodyAsJson(new { oemReference = "OEM-1" }));

        var result = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal((DeliveryOutcome.Delivered, "OEM-1", 201), (result.Outcome, result.Reference, result.StatusCode));
        var request = Assert.Single(_oem.LogEntries).RequestMessage!;
        Assert.Equal("T1/WarrantyClaimSubmitted-1@oem", request.Headers!["Idempotency-Key"].ToString());
        Assert.Equal("Bearer s3cret", request.Headers["Authorization"].ToString());
        Assert.Equal("corr-9", request.Headers["X-Correlation-Id"].ToString());
        Assert.Equal("WarrantyClaimSubmitted", request.Headers["X-Dms-Message-Type"].ToString());
        Assert.Equal("WC-1", JsonNode.Parse(request.Body!)!["documentNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Send_204_DeliveredWithoutReference()
    {
        Answer(Response.Create().WithStatusCode(204));

        var result = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal((DeliveryOutcome.Delivered, (string?)null), (result.Outcome, result.Reference));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Send_RetryableStatus_Transient(int status)
    {
        Answer(Response.Create().WithStatusCode(status));

        var result = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal((DeliveryOutcome.Transient, status), (result.Outcome, result.StatusCode));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Send_ClientErrorStatus_PermanentWithTheDestinationsDetail(int status)
    {
        Answer(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/problem+json").WithBody("{\"title\":\"Bad\",\"detail\":\"VIN\\u0007 unknown\"}"));

        var result = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal((DeliveryOutcome.Permanent, $"HTTP {status}: VIN unknown"), (result.Outcome, result.Error));
    }

    [Fact]
    public async Task Send_RetryAfterAsSecondsOrDate_Parsed()
    {
        Answer(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "7"));
        var seconds = await Adapter.SendAsync(Message("oem"), default);
        _oem.Reset();
        Answer(Response.Create().WithStatusCode(429).WithHeader("Retry-After", DateTimeOffset.UtcNow.AddSeconds(60).ToString("R")));
        var date = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal(TimeSpan.FromSeconds(7), seconds.RetryAfter);
        Assert.InRange(date.RetryAfter!.Value.TotalSeconds, 50, 61);
    }

    [Fact]
    public async Task Send_SlowerThanTimeout_TransientTimedOut()
    {
        Answer(Response.Create().WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(15)));

        var result = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal((DeliveryOutcome.Transient, "Timed out."), (result.Outcome, result.Error));
    }

    [Fact]
    public async Task Send_ConnectionRefused_TransientWithoutInternalText()
    {
        var result = await Adapter.SendAsync(Message("down"), default);

        Assert.Equal((DeliveryOutcome.Transient, "Connection failed."), (result.Outcome, result.Error));
    }

    [Fact]
    public async Task Send_RepeatedFailures_CircuitOpens_FurtherSendsDeferredWithoutACall()
    {
        Answer(Response.Create().WithStatusCode(503));
        Assert.Null(Adapter.DeferFor("oem"));
        for (var i = 0; i < 6; i++)
        {
            await Adapter.SendAsync(Message("oem"), default);
        }

        var calls = _oem.LogEntries.Count;
        var result = await Adapter.SendAsync(Message("oem"), default);

        Assert.Equal((DeliveryOutcome.Deferred, "Circuit open after repeated failures."), (result.Outcome, result.Error));
        Assert.Equal(calls, _oem.LogEntries.Count);
        Assert.True(result.RetryAfter > TimeSpan.Zero);
        Assert.InRange(Adapter.DeferFor("oem")!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Null(Adapter.DeferFor("down"));
    }

    [Fact]
    public async Task Send_WhileTheCircuitsTrialCallIsOut_DeferredForTheTrialNotAWholeBreak()
    {
        // Polly lets one trial call through when a break (30 s here) is over and refuses the others with the whole next
        // break as RetryAfter, though the trial answers within its timeout (5 s). A delivery must wait for the trial's
        // answer (timeout + 1 s at most), not a break: otherwise it idles long after its destination is back.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Services(_oem, clock);
        var adapter = services.GetRequiredKeyedService<IOutboundAdapter>("rest");
        Answer(Response.Create().WithStatusCode(503));
        for (var i = 0; i < 6; i++)
        {
            await adapter.SendAsync(Message("oem"), default);
        }

        var duringBreak = await adapter.SendAsync(Message("oem"), default);
        clock.Advance(TimeSpan.FromSeconds(31));
        _oem.Reset();
        Answer(Response.Create().WithStatusCode(201).WithDelay(TimeSpan.FromSeconds(1)));
        var trial = adapter.SendAsync(Message("oem"), default);
        await Task.Delay(300);
        var duringTrial = await adapter.SendAsync(Message("oem"), default);
        var trialResult = await trial.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(DeliveryOutcome.Deferred, duringBreak.Outcome);
        Assert.Equal(DeliveryOutcome.Deferred, duringTrial.Outcome);
        Assert.InRange(duringTrial.RetryAfter!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(6));
        Assert.Equal(DeliveryOutcome.Delivered, trialResult.Outcome);
        Assert.Single(_oem.LogEntries);
    }

    public void Dispose()
    {
        _services.Dispose();
        _oem.Stop();
    }

    private void Answer(IResponseBuilder response) => _oem.Given(Request.Create().WithPath("/claims").UsingPost()).RespondWith(response);

    private static OutboundMessage Message(string destination) => new(
        destination, "T1/WarrantyClaimSubmitted-1@oem", "WarrantyClaimSubmitted", "warranty-claim", "T1", "D1", "corr-9",
        new JsonObject { ["documentNumber"] = "WC-1" });
}
