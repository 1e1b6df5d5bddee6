using Dms.Hub.Operations;
using Dms.Hub.Work;

namespace Dms.Functions.FunctionsHost;

/// <summary>
/// What each host invocation does. Every business outcome (done, rejected, dead-lettered, nothing to do) answers
/// 200 so the message is completed; a failed attempt that will be retried, or a failure of our own (storage, the
/// transport), answers non-2xx so the host reports it and Service Bus delivers the message again.
/// </summary>
internal static partial class Invocations
{
    private const string MessageBinding = "message";

    public static async Task<IResult> RunWorkAsync(HttpContext context, WorkCycle cycle, ILogger<WorkCycle> logger)
    {
        var read = await ReadMessageAsync(context, logger);
        if (read?.Message is not { } message)
        {
            return NotRunnable(read);
        }

        try
        {
            var outcome = await cycle.RunAsync(message, CancellationToken.None);
            return outcome.Kind == WorkOutcomeKind.Rescheduled
                ? HostReply.Retry(StatusCodes.Status503ServiceUnavailable,
                    $"{message}: attempt {outcome.Attempt} failed ({outcome.Reason}); the next attempt is scheduled for {outcome.DueAt:O}.")
                : HostReply.Ok($"{message}: {outcome.Kind}.");
        }
        catch (Exception ex)
        {
            LogInvocationFailed(logger, ex, read.Function, message.WorkId);
            return HostReply.Retry(StatusCodes.Status500InternalServerError, $"{message}: could not run ({ex.GetType().Name}); Service Bus will deliver it again.");
        }
    }

    public static async Task<IResult> DeadLetterAsync(HttpContext context, WorkRunner runner, ILogger<WorkCycle> logger)
    {
        var read = await ReadMessageAsync(context, logger);
        if (read?.Message is not { } message)
        {
            return NotRunnable(read);
        }

        var invocation = read.Invocation;
        var why = invocation.Property("DeadLetterReason") ?? "no reason given";
        var detail = invocation.Property("DeadLetterErrorDescription") is { Length: > 0 } description ? $" ({description})" : string.Empty;
        var reason = $"Service Bus dead-lettered message {invocation.Text("MessageId") ?? message.MessageId} after {invocation.Number("DeliveryCount") ?? 0} deliveries: {why}{detail}.";
        try
        {
            var outcome = await runner.DeadLetterAsync(message.Ref, reason.Length <= 500 ? reason : reason[..500], CancellationToken.None);
            return HostReply.Ok($"{message}: {outcome.Kind}.");
        }
        catch (Exception ex)
        {
            LogInvocationFailed(logger, ex, read.Function, message.WorkId);
            return HostReply.Retry(StatusCodes.Status500InternalServerError, $"{message}: could not record the dead letter ({ex.GetType().Name}).");
        }
    }

    public static async Task<IResult> RecoverAsync(HttpContext context, WorkRecovery recovery, ILogger<WorkCycle> logger)
    {
        if (await HostInvocation.ReadAsync(context.Request, context.RequestAborted) is null)
        {
            return NotRunnable(null);
        }

        try
        {
            var sent = await recovery.RunOnceAsync(CancellationToken.None);
            return HostReply.Ok($"Re-sent {sent} stalled work item(s).");
        }
        catch (Exception ex)
        {
            LogInvocationFailed(logger, ex, CustomHandler.RecoverStalledWork, null);
            return HostReply.Retry(StatusCodes.Status500InternalServerError, $"The recovery sweep failed ({ex.GetType().Name}).");
        }
    }

    public static async Task<IResult> RunJobsAsync(HttpContext context, ScheduledJobs jobs)
    {
        if (await HostInvocation.ReadAsync(context.Request, context.RequestAborted) is null)
        {
            return NotRunnable(null);
        }

        var failed = await jobs.RunAllAsync(CancellationToken.None);
        return failed.Count == 0
            ? HostReply.Ok("Scheduled jobs ran.")
            : HostReply.Retry(StatusCodes.Status500InternalServerError, "Scheduled jobs failed: " + string.Join(", ", failed) + ".");
    }

    /// <summary>
    /// The console's timer (every 15 s): project changed documents, evaluate technical alerts, run replay jobs — within
    /// four minutes, under the host's five-minute function timeout. A replay job interrupted by the end of the budget
    /// (or a crash) is resumed by the next run: its lease lapses and its items are idempotent.
    /// </summary>
    public static async Task<IResult> RunConsoleWorkAsync(HttpContext context, ConsoleWork work, ILogger<ConsoleWork> logger)
    {
        if (await HostInvocation.ReadAsync(context.Request, context.RequestAborted) is null)
        {
            return NotRunnable(null);
        }

        try
        {
            return HostReply.Ok(await work.RunAsync(TimeSpan.FromMinutes(4), CancellationToken.None));
        }
        catch (Exception ex)
        {
            LogInvocationFailed(logger, ex, CustomHandler.RunConsoleWork, null);
            return HostReply.Retry(StatusCodes.Status500InternalServerError, $"The console's background work failed ({ex.GetType().Name}).");
        }
    }

    /// <summary>The invocation and the work message in it (null when the body is not one of ours); null when it is no invocation at all.</summary>
    private static async Task<WorkInvocation?> ReadMessageAsync(HttpContext context, ILogger logger)
    {
        var function = context.Request.Path.Value!.TrimStart('/');
        if (await HostInvocation.ReadAsync(context.Request, context.RequestAborted) is not { } invocation)
        {
            return null;
        }

        var message = WorkMessage.FromJson(invocation.Data(MessageBinding));
        if (message is null)
        {
            LogNotOurs(logger, function, invocation.Text("MessageId"));
        }

        return new WorkInvocation(invocation, message, function);
    }

    /// <summary>
    /// A body the host would never send answers 400. A message that is not a work message is dropped with 200:
    /// delivering it again cannot help, and nothing is lost — work lives in storage, not in messages.
    /// </summary>
    private static IResult NotRunnable(WorkInvocation? read) => read is null
        ? HostReply.Retry(StatusCodes.Status400BadRequest, "Not a Functions host invocation: expected a JSON object with a Data object.")
        : HostReply.Ok($"Dropped message {read.Invocation.Text("MessageId")}: not a Dms work message.");

    private sealed record WorkInvocation(HostInvocation Invocation, WorkMessage? Message, string Function);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "{Function} invocation failed for work {WorkId}; answered non-2xx for a redelivery")]
    private static partial void LogInvocationFailed(ILogger logger, Exception exception, string function, string? workId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "{Function} dropped message {MessageId}: not a Dms work message")]
    private static partial void LogNotOurs(ILogger logger, string function, string? messageId);
}
