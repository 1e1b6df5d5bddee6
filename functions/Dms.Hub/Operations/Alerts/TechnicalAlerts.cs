using Dms.Hub.Alerts;
using Dms.Hub.Insights;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Operations.Alerts;

/// <summary>
/// Evaluates the hub's own conditions from the read model and raises, updates or clears one alert per condition and
/// subject. Throttled: an alert is raised once per episode, and one cleared within the throttle window reopens its
/// episode rather than counting a new one.
/// </summary>
public sealed class TechnicalAlerts(ITechnicalAlertStore store, Overview overview, FailureGroups failures, IAnnotationStore annotations, IOptionsMonitor<TechnicalAlertOptions> options, TimeProvider clock)
{
    private const int MaxHistory = 50;

    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var model = await overview.BuildAsync(ViewScope.Everything, Window.All[0], cancellationToken);
        var archived = Archived.Failures(await annotations.ArchivedAsync(cancellationToken));
        var open = await failures.SummaryAsync(ViewScope.Everything, new FailureFilter(), archived, newest: 0, cancellationToken);
        var conditions = new List<Condition>();
        conditions.AddRange(open.Groups.GroupBy(g => g.Destination).Select(g => new Condition("DEAD_LETTERS", g.Key, "Dead letters waiting for an operator",
            $"{g.Sum(x => x.Count)} dead-lettered deliveries to {g.Key} wait for replay or archive.", g.Sum(x => x.Count))));
        conditions.AddRange(model.Types.Where(t => t.OldestUndelivered is { } o && now - o > TimeSpan.FromMinutes(settings.BacklogMinutes)).Select(t =>
            new Condition("BACKLOG_AGE", t.DocumentType, "Deliveries are backing up",
                $"The oldest undelivered {t.Title.ToLowerInvariant()} has waited {(int)(now - t.OldestUndelivered!.Value).TotalMinutes} minutes ({t.Undelivered} undelivered).", (long)(now - t.OldestUndelivered!.Value).TotalMinutes)));
        conditions.AddRange(model.Types.Where(t => t.AckOverdue > 0).Select(t => new Condition("ACK_OVERDUE", t.DocumentType, "The OEM's answers are overdue",
            $"{t.AckOverdue} {t.Title.ToLowerInvariant()}s wait past the OEM's answer time.", t.AckOverdue)));
        if (model.AsOf is { } asOf && now - asOf > TimeSpan.FromMinutes(settings.ProjectionLagMinutes))
        {
            conditions.Add(new Condition("PROJECTION_LAG", "counters", "The console's counters are behind", $"Counters last caught up {(int)(now - asOf).TotalMinutes} minutes ago.", (long)(now - asOf).TotalMinutes));
        }

        var current = (await store.ListAsync(cancellationToken)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var condition in conditions)
        {
            var id = TechnicalAlert.MakeId(condition.Code, condition.Subject);
            await store.TrySaveAsync(Raise(current.GetValueOrDefault(id), condition, id, now, settings), cancellationToken);
            current.Remove(id);
        }

        foreach (var ended in current.Values.Where(a => a.Status == AlertRecord.Open))
        {
            await store.TrySaveAsync(ended with
            {
                Status = AlertRecord.Cleared, ClearedAt = now, Value = 0, History = Append(ended, new AlertHistoryEntry(now, "Cleared", "hub", "The condition ended.")),
            }, cancellationToken);
        }
    }

    /// <summary>Marks the current episode as seen; null when there is no such alert.</summary>
    public async Task<TechnicalAlert?> AcknowledgeAsync(string id, string operatorId, string? note, CancellationToken cancellationToken)
    {
        var alert = await store.GetAsync(id, cancellationToken);
        if (alert is null || alert.AcknowledgedAt is not null)
        {
            return alert;
        }

        var now = clock.GetUtcNow();
        await store.TrySaveAsync(alert with { AcknowledgedAt = now, AcknowledgedBy = operatorId, History = Append(alert, new AlertHistoryEntry(now, "Acknowledged", operatorId, note)) }, cancellationToken);
        return await store.GetAsync(id, cancellationToken);
    }

    private static TechnicalAlert Raise(TechnicalAlert? existing, Condition c, string id, DateTimeOffset now, TechnicalAlertOptions settings)
    {
        if (existing is { Status: AlertRecord.Open })
        {
            return existing with { Message = c.Message, Value = c.Value };
        }

        if (existing is { ClearedAt: { } cleared } && now - cleared < TimeSpan.FromMinutes(settings.ThrottleMinutes))
        {
            return existing with { Status = AlertRecord.Open, ClearedAt = null, Message = c.Message, Value = c.Value, History = Append(existing, new AlertHistoryEntry(now, "Reopened", "hub", c.Message)) };
        }

        var raised = new AlertHistoryEntry(now, "Raised", "hub", c.Message);
        return existing is null
            ? new TechnicalAlert { Id = id, Code = c.Code, Subject = c.Subject, Title = c.Title, Message = c.Message, RaisedAt = now, Value = c.Value, History = [raised] }
            : existing with
            {
                Status = AlertRecord.Open, RaisedAt = now, ClearedAt = null, AcknowledgedAt = null, AcknowledgedBy = null, Message = c.Message, Value = c.Value,
                Occurrences = existing.Occurrences + 1, History = Append(existing, raised),
            };
    }

    private static List<AlertHistoryEntry> Append(TechnicalAlert alert, AlertHistoryEntry entry) => [.. alert.History.Skip(Math.Max(0, alert.History.Count - MaxHistory + 1)), entry];

    private sealed record Condition(string Code, string Subject, string Title, string Message, long Value);
}
