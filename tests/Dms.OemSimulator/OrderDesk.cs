using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Dms.OemSimulator;

/// <summary>
/// The order system behind <c>POST /orders</c>: starts an order's event chain when it is submitted (again when it is
/// resubmitted), answers amendments (accepts most, refuses some) and cancel requests (refused once the vehicle is
/// built), and stops the chain of a cancelled order.
/// </summary>
internal sealed class OrderDesk(DecisionPoster poster, IOptions<SimulatorOptions> options)
{
    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);

    public void Receive(JsonObject message, bool first)
    {
        if (!first || !options.Value.PostDecisions)
        {
            return;
        }

        var trackingId = message["trackingId"]!.GetValue<string>();
        var path = $"/api/v1/oem/vehicle-orders/{trackingId}/events";
        var step = TimeSpan.FromMilliseconds(options.Value.OrderStepMilliseconds);
        var key = $"{trackingId}:{message["messageId"]}";
        switch (message["messageType"]?.GetValue<string>())
        {
            case "VehicleOrderSubmitted" or "VehicleOrderResubmitted":
                var events = OrderPlanner.Lifecycle(message, step, DateTimeOffset.UtcNow, out var producedAt);
                var run = new Run(new CancellationTokenSource(), producedAt);
                if (_runs.TryGetValue(trackingId, out var earlier))
                {
                    earlier.Stop.Cancel();
                }

                _runs[trackingId] = run;
                poster.Schedule(path, run.Stop.Token, [.. events]);
                break;
            case "VehicleOrderAmended":
                var version = message["contentVersion"]?.GetValue<int>() ?? 1;
                var refuse = (trackingId[^1] + version) % 4 == 0;
                var answer = new JsonObject { ["changeVersion"] = version };
                if (refuse)
                {
                    answer["reasonCodes"] = new JsonArray("NOT_BUILDABLE");
                }

                poster.Schedule(path, new OemEvent(step, key, OrderPlanner.Canonical(refuse ? "ChangeRefused" : "ChangeAccepted", answer)));
                break;
            case "VehicleOrderCancelRequested":
                var built = _runs.TryGetValue(trackingId, out var current) && DateTimeOffset.UtcNow >= current.ProducedAt;
                if (!built)
                {
                    current?.Stop.Cancel();
                }

                poster.Schedule(path, new OemEvent(step, key, OrderPlanner.Canonical(built ? "CancelRefused" : "Cancelled",
                    new JsonObject { ["reasonCodes"] = new JsonArray(built ? "VEHICLE_BUILT" : "DEALER_REQUEST") })));
                break;
            case "VehicleOrderCancelled":
                if (_runs.TryRemove(trackingId, out var cancelled))
                {
                    cancelled.Stop.Cancel();
                }

                break;
        }
    }

    private sealed record Run(CancellationTokenSource Stop, DateTimeOffset ProducedAt);
}
