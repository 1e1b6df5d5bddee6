namespace Dms.Hub.Work;

/// <summary>
/// One message, one attempt: run the item the message points at, then ask the transport for the next attempt if the
/// item wants one. The message for the next attempt is sent before the current one is settled, so a crash in between
/// leaves a duplicate (absorbed by the lease), never a gap.
/// </summary>
public sealed class WorkCycle(WorkRunner runner, IWorkTransport transport)
{
    /// <summary>For a receive loop: run, then complete the message together with the next one.</summary>
    public async Task<WorkOutcome> RunAsync(ReceivedWork received, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(received.Message.Ref, cancellationToken);
        await transport.CompleteAsync(received, Next(received.Message, outcome), cancellationToken);
        return outcome;
    }

    /// <summary>For a host that delivers the message itself (the Functions host): run, then send the next message.</summary>
    public async Task<WorkOutcome> RunAsync(WorkMessage message, CancellationToken cancellationToken)
    {
        var outcome = await runner.RunAsync(message.Ref, cancellationToken);
        if (Next(message, outcome) is { } next)
        {
            await transport.SendAsync([next], cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// A rescheduled or deferred item always gets its next message (a deferral's is new to duplicate detection: its
    /// ID counts deferrals, since the attempt count did not change). An item that was busy or not yet due only when the transport
    /// forgets on restart; a durable transport already holds the message that will find it (or the sweep sends one).
    /// </summary>
    private WorkMessage? Next(WorkMessage message, WorkOutcome outcome) => outcome switch
    {
        { Kind: WorkOutcomeKind.Rescheduled, DueAt: { } due } => message with { Attempt = outcome.Attempt, NotBefore = due, Item = outcome.Item, Deferrals = 0, Claimed = false },
        { Kind: WorkOutcomeKind.Deferred, DueAt: { } due } => message with
        {
            Attempt = outcome.Attempt, NotBefore = due, Deferrals = message.Deferrals + 1,
            Item = outcome.Item ?? message.Item, Claimed = outcome.Item is null && message.Claimed,
        },
        { Kind: WorkOutcomeKind.Skipped, DueAt: { } due } when !transport.IsDurable => message with { NotBefore = due, Claimed = false },
        _ => null,
    };
}
