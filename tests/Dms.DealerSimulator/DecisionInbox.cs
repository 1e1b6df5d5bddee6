using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dms.DealerSimulator;

/// <summary>
/// The fleet's webhook receiver: every dealer's callback URL points here. Records when each claim's OEM decision
/// reached its dealer (the first notification carrying a decision status).
/// </summary>
public sealed class DecisionInbox : IAsyncDisposable
{
    private static readonly HashSet<string> DecisionStatuses = new(["Approved", "PartiallyApproved", "Denied", "PendingInformation"], StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _decidedAt = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private long _notifications;

    private DecisionInbox(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public long Notifications => Interlocked.Read(ref _notifications);

    public int Decisions => _decidedAt.Count;

    public static async Task<DecisionInbox> StartAsync(string host)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:0");
        var inbox = new DecisionInbox(builder.Build());
        inbox._app.MapPost("/hooks/{dealer}", async (HttpContext context) =>
        {
            var notification = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
            inbox.Record(notification);
            return Results.Ok();
        });
        await inbox._app.StartAsync();
        var address = inbox._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        inbox.Address = new Uri(address.TrimEnd('/') + "/");
        return inbox;
    }

    public string CallbackFor(string dealerCode) => new Uri(Address, "hooks/" + dealerCode).ToString();

    /// <summary>The <see cref="Stopwatch"/> timestamp at which the claim's decision arrived, if it has.</summary>
    public bool TryGetDecision(string trackingId, out long timestamp) => _decidedAt.TryGetValue(trackingId, out timestamp);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Record(JsonObject? notification)
    {
        Interlocked.Increment(ref _notifications);
        if (notification?["trackingId"]?.GetValue<string>() is { } trackingId && notification["status"]?.GetValue<string>() is { } status && DecisionStatuses.Contains(status))
        {
            _decidedAt.TryAdd(trackingId, Stopwatch.GetTimestamp());
        }
    }
}
