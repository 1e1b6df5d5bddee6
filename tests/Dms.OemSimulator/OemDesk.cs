using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dms.OemSimulator;

/// <summary>The receiving side of a delivery: authenticate, dedupe by Idempotency-Key, acknowledge with a reference.</summary>
internal static class OemDesk
{
    public static async Task<IResult> ReceiveAsync(HttpContext context, Ledger ledger, SimulatorOptions options, string prefix, Action<JsonObject, bool> onAccepted)
    {
        ledger.CountRequest();
        await Task.Delay(options.LatencyMilliseconds, context.RequestAborted);
        if (context.Request.Headers["X-Api-Key"] != options.InboundKey)
        {
            return Results.Problem(statusCode: 401, title: "Unknown caller");
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            return Results.Problem(statusCode: 400, title: "Idempotency-Key required");
        }

        JsonObject message;
        try
        {
            message = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!.AsObject();
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, title: "Not JSON");
        }

        var (reference, first) = ledger.Apply(key, prefix);
        message["oemReference"] ??= reference;
        onAccepted(message, first);
        return Results.Json(new { oemReference = reference }, statusCode: first ? 201 : 200);
    }

    public static TimeSpan DecisionDelay(SimulatorOptions options) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(options.DecisionDelayMinMilliseconds, Math.Max(options.DecisionDelayMinMilliseconds + 1, options.DecisionDelayMaxMilliseconds)));
}
