using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Work;
using Dms.Testing.Transports;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Adapters.ServiceBus.Tests;

/// <summary>What the transport puts on the wire, checked against the REST API's documented shape.</summary>
public sealed class ServiceBusWireTests : IDisposable
{
    private readonly ServiceBusFake _bus = new();
    private readonly List<ServiceProvider> _services = [];

    public ServiceBusWireTests()
    {
        foreach (var kind in new[] { WorkKinds.Route, WorkKinds.Deliver, WorkKinds.Notify })
        {
            _bus.CreateQueue("dms-" + kind);
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Send_PostsToTheKindsQueue_WithSignedTokenAndBrokerProperties()
    {
        var transport = SharedKey();
        var message = Message(WorkKinds.Deliver);

        await transport.SendAsync([message], Token);

        var request = Assert.Single(_bus.Requests);
        Assert.Equal(("POST", "/dms-deliver/messages", 201), (request.Method, request.Path, request.Status));
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        var properties = JsonNode.Parse(request.BrokerProperties!)!.AsObject();
        Assert.Equal(message.WorkId, properties["MessageId"]!.GetValue<string>());
        Assert.Equal("deliver", properties["Label"]!.GetValue<string>());
        Assert.Null(properties["ScheduledEnqueueTimeUtc"]);
        Assert.Equal(message.WorkId, WorkMessage.FromJson(request.Body!)!.WorkId);

        var token = request.Authorization!;
        Assert.StartsWith("SharedAccessSignature sr=", token, StringComparison.Ordinal);
        var fields = token["SharedAccessSignature ".Length..].Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(["sr", "sig", "se", "skn"], fields.Keys);
        Assert.Equal(_bus.Url + "/", System.Net.WebUtility.UrlDecode(fields["sr"]));
        Assert.Equal(ServiceBusFake.KeyName, fields["skn"]);
        var expiry = DateTimeOffset.FromUnixTimeSeconds(long.Parse(fields["se"], CultureInfo.InvariantCulture));
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Fact]
    public async Task Send_LaterAttempt_IsScheduledInRfc1123_WithTheAttemptInItsMessageId()
    {
        var transport = SharedKey();
        var due = DateTimeOffset.UtcNow.AddMinutes(2);
        var message = Message(WorkKinds.Route) with { Attempt = 3, NotBefore = due };

        await transport.SendAsync([message], Token);

        var properties = JsonNode.Parse(Assert.Single(_bus.Requests).BrokerProperties!)!.AsObject();
        Assert.Equal(message.WorkId + ".3", properties["MessageId"]!.GetValue<string>());
        var scheduled = properties["ScheduledEnqueueTimeUtc"]!.GetValue<string>();
        var at = DateTimeOffset.ParseExact(scheduled, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        Assert.InRange(at - due, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)); // whole seconds, never early
        Assert.Null(_bus.TryLock("dms-route"));
        Assert.Single(_bus.Messages("dms-route"));
    }

    [Fact]
    public async Task Send_SameMessageTwice_DuplicateDetectionKeepsOne()
    {
        var transport = SharedKey();
        var message = Message(WorkKinds.Notify);

        await transport.SendAsync([message], Token);
        await transport.SendAsync([message], Token);
        await transport.SendAsync([message with { Attempt = 1 }], Token);

        Assert.Equal([message.WorkId, message.WorkId + ".1"], _bus.Messages("dms-notify").Select(m => m.MessageId));
    }

    [Fact]
    public async Task ManagedIdentity_SendsBearerToken_AskedOnceForManyRequests()
    {
        var credential = new StaticTokenCredential(ServiceBusFake.BearerToken);
        var (transport, services) = ServiceBusTransports.WithManagedIdentity(_bus, credential);
        _services.Add(services);

        await transport.SendAsync([Message(WorkKinds.Route), Message(WorkKinds.Route)], Token);
        var received = Assert.Single(await transport.ReceiveAsync(WorkKinds.Route, 1, Token));
        await transport.CompleteAsync(received, null, Token);

        Assert.All(_bus.Requests, r => Assert.Equal("Bearer " + ServiceBusFake.BearerToken, r.Authorization));
        Assert.All(_bus.Requests, r => Assert.InRange(r.Status, 200, 201));
        Assert.Equal(1, credential.Calls);
    }

    [Fact]
    public async Task WrongKey_FailsWithTheStatus_AndLeaksNoSecret()
    {
        var transport = SharedKey(Convert.ToBase64String("not-the-right-key-at-all"u8));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => transport.SendAsync([Message(WorkKinds.Route)], Token));

        Assert.Contains("401", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessSignature", failure.Message, StringComparison.Ordinal);
        Assert.Empty(_bus.Messages("dms-route"));
    }

    [Fact]
    public async Task BusyBroker_SendIsRetried_MessageArrivesOnce()
    {
        var transport = SharedKey();
        _bus.FailSends(2);

        await transport.SendAsync([Message(WorkKinds.Route)], Token);

        Assert.Equal([503, 503, 201], _bus.Requests.Select(r => r.Status));
        Assert.Single(_bus.Messages("dms-route"));
    }

    [Fact]
    public async Task MissingQueue_FailsClearly()
    {
        var transport = SharedKey();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => transport.SendAsync([Message("archive")], Token));

        Assert.Contains("dms-archive", failure.Message, StringComparison.Ordinal);
        Assert.Contains("404", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_PeekLocksWithTimeout_CompleteDeletesTheLockedMessage()
    {
        var transport = SharedKey();
        await transport.SendAsync([Message(WorkKinds.Deliver)], Token);

        var received = Assert.Single(await transport.ReceiveAsync(WorkKinds.Deliver, 1, Token));
        await transport.CompleteAsync(received, null, Token);

        var calls = _bus.Requests.ToList();
        Assert.Equal(("POST", "/dms-deliver/messages/head", 201), (calls[1].Method, calls[1].Path, calls[1].Status));
        Assert.Equal("DELETE", calls[2].Method);
        Assert.Matches("^/dms-deliver/messages/[0-9]+/[0-9a-f-]{36}$", calls[2].Path);
        Assert.Equal(200, calls[2].Status);
        Assert.Equal(1, received.DeliveryCount);
        Assert.Empty(_bus.Messages("dms-deliver"));
    }

    public void Dispose()
    {
        _services.ForEach(s => s.Dispose());
        _bus.Dispose();
    }

    private IWorkTransport SharedKey(string? key = null)
    {
        var (transport, services) = ServiceBusTransports.WithSharedKey(_bus, key);
        _services.Add(services);
        return transport;
    }

    private static WorkMessage Message(string kind) => new(kind, "D001", Dms.Hub.Common.Ids.NewUlid(DateTimeOffset.UtcNow), 0, DateTimeOffset.UtcNow);
}
