using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dms.OemSimulator;

/// <summary>
/// The receiving side of a delivery: authenticate, dedupe by Idempotency-Key, acknowledge with a reference — or fail
/// the way real back ends do when <see cref="FaultSwitch"/> says so.
/// </summary>
internal static class OemDesk
{
    public static async Task<IResult> ReceiveAsync(HttpContext context, Ledger ledger, FaultSwitch faults, SimulatorOptions options, string prefix, Action<JsonObject, bool> onAccepted)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        using var _ = ledger.Begin(key);
        var now = faults.Current;
        if (now.Down)
        {
            ledger.CountInjected("down");
            context.Abort();
            return Results.Empty;
        }

        try
        {
            await Task.Delay(options.LatencyMilliseconds, context.RequestAborted);
            if (context.Request.Headers["X-Api-Key"] != options.InboundKey)
            {
                return Results.Problem(statusCode: 401, title: "Unknown caller");
            }

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

            if (Random.Shared.NextDouble() < now.FailureRate)
            {
                return await FailBeforeApplyingAsync(context, ledger, now);
            }

            var (reference, first) = ledger.Apply(key, prefix, message);
            message["oemReference"] ??= reference;
            onAccepted(message, first);
            if (Random.Shared.NextDouble() < now.CommitThenFailRate)
            {
                return FailAfterApplying(context, ledger);
            }

            return Results.Json(new { oemReference = reference }, statusCode: first ? 201 : 200);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return Results.Empty; // the caller gave up (its attempt timed out)
        }
    }

    public static TimeSpan DecisionDelay(SimulatorOptions options) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(options.DecisionDelayMinMilliseconds, Math.Max(options.DecisionDelayMinMilliseconds + 1, options.DecisionDelayMaxMilliseconds)));

    private static async Task<IResult> FailBeforeApplyingAsync(HttpContext context, Ledger ledger, Faults faults)
    {
        switch (Random.Shared.Next(3))
        {
            case 0:
                ledger.CountInjected("500");
                return Results.Problem(statusCode: 500, title: "Internal error (injected)");
            case 1:
                ledger.CountInjected("503");
                context.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Problem(statusCode: 503, title: "Busy (injected)");
            default:
                ledger.CountInjected("timeout");
                await Task.Delay(faults.HangMilliseconds, context.RequestAborted);
                return Results.Problem(statusCode: 504, title: "Gateway timeout (injected)");
        }
    }

    private static IResult FailAfterApplying(HttpContext context, Ledger ledger)
    {
        if (Random.Shared.Next(2) == 0)
        {
            ledger.CountInjected("commit-then-500");
            return Results.Problem(statusCode: 500, title: "Applied, then failed to answer (injected)");
        }

        ledger.CountInjected("commit-then-drop");
        context.Abort();
        return Results.Empty;
    }
}
