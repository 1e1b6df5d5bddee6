using System.Collections.Frozen;
using System.Diagnostics;
using Dms.Hub.Common;
using Dms.Hub.Operations;
using Dms.Hub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Work;

/// <summary>
/// Runs one work item: lease it (the attempt is counted durably first, so a poison item that kills the process is
/// still dead-lettered after exactly the configured attempts), call its handler, and turn an unhandled failure into
/// a backoff or a dead letter. Host-agnostic: used by the local loop and by queue-triggered functions alike.
/// </summary>
public sealed partial class WorkRunner(
    IWorkStore store,
    WorkFailures failures,
    IEnumerable<IWorkHandler> handlers,
    IOptions<WorkOptions> options,
    HubTelemetry telemetry,
    StorageTraffic traffic,
    TimeProvider clock,
    ILogger<WorkRunner> logger)
{
    private readonly FrozenDictionary<string, IWorkHandler> _handlers = handlers.ToFrozenDictionary(h => h.Kind, StringComparer.Ordinal);
    private readonly WorkOptions _options = options.Value;

    public async Task<WorkOutcome> RunAsync(WorkRef work, CancellationToken cancellationToken)
    {
        using var step = traffic.Step("-", "work");
        var outcome = await RunCoreAsync(work, step, cancellationToken);
        step.Name += ":" + outcome.Kind;
        if (outcome.Kind is WorkOutcomeKind.Deferred or WorkOutcomeKind.Skipped && logger.IsEnabled(LogLevel.Debug))
        {
            // Why an item waits without an attempt (or was not run), and for how long: what a drain's stragglers are read from.
            LogNotRun(logger, step.Name, work.Id, work.Snapshot?.TrackingId ?? outcome.Item?.TrackingId, outcome.DueAt is { } due ? (int)(due - clock.GetUtcNow()).TotalMilliseconds : -1, outcome.Reason);
        }

        return outcome;
    }

    private async Task<WorkOutcome> RunCoreAsync(WorkRef work, StorageTraffic.StepScope step, CancellationToken cancellationToken)
    {
        if (Deferral(work) is { } deferred)
        {
            (step.DocumentType, step.Name) = (work.Snapshot!.DocumentType ?? "-", work.Snapshot.Kind);
            return deferred;
        }

        var attempt = ClaimedLease(work) is { } claimed
            ? new LeaseAttempt(claimed, null)
            : await store.TryLeaseAsync(work, clock.GetUtcNow(), TimeSpan.FromSeconds(_options.LeaseSeconds), LeaseMode.WhenDue, cancellationToken);
        if (attempt.Lease is not { } lease)
        {
            return new WorkOutcome(WorkOutcomeKind.Skipped, attempt.BusyUntil);
        }

        var item = lease.Item;
        (step.DocumentType, step.Name) = (item.DocumentType ?? "-", _handlers.TryGetValue(item.Kind, out var counted) ? counted.StepOf(item) : item.Kind);
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["workId"] = item.Id,
            ["workKind"] = item.Kind,
            ["trackingId"] = item.TrackingId,
            ["correlationId"] = item.CorrelationId,
        });
        using var activity = HubTelemetry.Source.StartActivity($"work {item.Kind}", ActivityKind.Consumer);
        activity?.SetTag("dms.tracking_id", item.TrackingId);
        activity?.SetTag("dms.work.attempt", lease.Attempt);

        var outcome = await RunLeasedAsync(lease, cancellationToken);
        outcome = outcome.Kind == WorkOutcomeKind.Deferred ? outcome : outcome with { Attempt = lease.Attempt };
        telemetry.WorkOutcomes.Add(1, new("kind", item.Kind), new("outcome", outcome.Kind.ToString()));
        return outcome;
    }

    /// <summary>
    /// Work whose handler says it cannot proceed now (its destination's circuit is open) waits without a lease or an
    /// attempt — no storage round trip — when its message carried the item. A little jitter spreads the wake-ups.
    /// </summary>
    private WorkOutcome? Deferral(WorkRef work)
    {
        if (work.Snapshot is not { } item || !_handlers.TryGetValue(item.Kind, out var handler) || handler.DeferFor(item) is not { } wait)
        {
            return null;
        }

        var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(wait.TotalMilliseconds / 5, 3000));
        return new WorkOutcome(WorkOutcomeKind.Deferred, clock.GetUtcNow() + wait + jitter, "The destination is not taking calls now.", item.Attempt);
    }

    /// <summary>
    /// The lease this process took when it created the item, if the message says so and at least half of it is left
    /// (an attempt must finish within its lease); otherwise the store extends or takes the lease.
    /// </summary>
    private WorkLease? ClaimedLease(WorkRef work) =>
        work is { Claimed: true, Snapshot: { LeasedUntil: { } until, ETag: { } etag } item }
        && until - clock.GetUtcNow() >= TimeSpan.FromSeconds(_options.LeaseSeconds) / 2
            ? new WorkLease(item, until, etag)
            : null;

    /// <summary>
    /// Moves an item to the dead letters now, whatever retries it had left: the transport gave up on it (a Service
    /// Bus message dead-lettered after MaxDeliveryCount). Skipped when the item is gone or a live runner holds it.
    /// </summary>
    public async Task<WorkOutcome> DeadLetterAsync(WorkRef work, string reason, CancellationToken cancellationToken)
    {
        var attempt = await store.TryLeaseAsync(work, clock.GetUtcNow(), TimeSpan.FromSeconds(_options.LeaseSeconds), LeaseMode.EvenIfNotDue, cancellationToken);
        if (attempt.Lease is not { } lease)
        {
            return new WorkOutcome(WorkOutcomeKind.Skipped, attempt.BusyUntil);
        }

        var reasonWithError = lease.Item.LastError is { } last ? $"{reason} Last error: {last}" : reason;
        var outcome = await DeadLetterAsync(lease, reasonWithError, _handlers.GetValueOrDefault(lease.Item.Kind), cancellationToken) with { Attempt = lease.Attempt };
        telemetry.WorkOutcomes.Add(1, new("kind", lease.Item.Kind), new("outcome", outcome.Kind.ToString()));
        return outcome;
    }

    private async Task<WorkOutcome> RunLeasedAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var item = lease.Item;
        if (!_handlers.TryGetValue(item.Kind, out var handler))
        {
            return await DeadLetterAsync(lease, $"No handler for work kind '{item.Kind}'.", null, cancellationToken);
        }

        if (lease.Attempt > _options.Retry.MaxAttempts)
        {
            return await DeadLetterAsync(lease, $"Gave up after {_options.Retry.MaxAttempts} attempts. Last error: {item.LastError}", handler, cancellationToken);
        }

        try
        {
            return await handler.HandleAsync(lease, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(logger, ex, item.Kind, item.Id, lease.Attempt);
            var reason = $"{ex.GetType().Name}: {Truncate(ex.Message)}";
            if (lease.Attempt >= _options.Retry.MaxAttempts)
            {
                return await DeadLetterAsync(lease, $"Gave up after {lease.Attempt} attempts. Last error: {reason}", handler, cancellationToken);
            }

            var due = clock.GetUtcNow() + Backoff.Next(_options.Retry, lease.Attempt, null, Random.Shared.NextDouble());
            return await failures.RescheduleAsync(lease, due, reason, cancellationToken);
        }
    }

    private Task<WorkOutcome> DeadLetterAsync(WorkLease lease, string reason, IWorkHandler? handler, CancellationToken cancellationToken)
    {
        LogDeadLettered(logger, lease.Item.Kind, lease.Item.Id, reason);
        return failures.DeadLetterAsync(lease, reason, handler, cancellationToken);
    }

    private static string Truncate(string message) => message.Length <= 300 ? message : message[..300];

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Work {WorkKind} {WorkId} failed on attempt {Attempt}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string workKind, string workId, int attempt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Debug, Message = "Work {Step} {WorkId} ({TrackingId}) not run, next in {WaitMilliseconds} ms: {Reason}")]
    private static partial void LogNotRun(ILogger logger, string step, string workId, string? trackingId, int waitMilliseconds, string? reason);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "Work {WorkKind} {WorkId} dead-lettered: {Reason}")]
    private static partial void LogDeadLettered(ILogger logger, string workKind, string workId, string reason);
}
