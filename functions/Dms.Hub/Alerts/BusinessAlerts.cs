using Dms.Hub.Workflow;

namespace Dms.Hub.Alerts;

/// <summary>
/// Raises, clears and acknowledges business alerts. Each call reads the alert and saves it under its ETag, retrying on
/// a concurrent change, and does nothing when the alert is already as asked — so a repeated timer has one effect.
/// </summary>
public sealed class BusinessAlerts(IAlertStore store, TimeProvider clock)
{
    private const int MaxHistory = 50;
    private const int Attempts = 5;

    public Task<AlertRecord?> GetAsync(string id, CancellationToken cancellationToken) =>
        AlertRecord.TryParseId(id, out var subject, out _) && AlertSubject.DealerOf(subject) is { } dealer
            ? store.GetAsync(dealer, id, cancellationToken)
            : Task.FromResult<AlertRecord?>(null);

    public Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken) => store.ListAsync(query, cancellationToken);

    /// <summary>Raises the alert unless it is open already (a cleared one opens a new episode).</summary>
    public Task RaiseAsync(DocumentRecord document, AlertRule rule, AlertCondition condition, CancellationToken cancellationToken) =>
        RaiseAsync(AlertSubject.Of(document), rule.Code, rule.Title, condition.Message, cancellationToken);

    /// <summary>Clears the alert if it is open.</summary>
    public Task ClearAsync(DocumentRecord document, AlertRule rule, CancellationToken cancellationToken) =>
        ClearAsync(AlertSubject.Of(document), rule.Code, $"The condition ended (document {document.Status}).", cancellationToken);

    /// <summary>Raises an alert about any subject (a document, a dealer's stock of one part) unless it is open already.</summary>
    public Task RaiseAsync(AlertSubject subject, string code, string title, string message, CancellationToken cancellationToken) =>
        ChangeAsync(subject.DealerCode, AlertRecord.MakeId(subject.Id, code), existing =>
        {
            var now = clock.GetUtcNow();
            var raised = new AlertHistoryEntry(now, "Raised", "hub", message);
            return existing switch
            {
                { Status: AlertRecord.Open } => null,
                null => new AlertRecord
                {
                    Id = AlertRecord.MakeId(subject.Id, code), DealerCode = subject.DealerCode, DocumentType = subject.DocumentType,
                    TrackingId = subject.Id, DocumentNumber = subject.Number, Code = code, Title = title,
                    Message = message, Status = AlertRecord.Open, RaisedAt = now, Occurrences = 1, History = [raised],
                },
                _ => existing with
                {
                    Status = AlertRecord.Open, Message = message, RaisedAt = now, ClearedAt = null, AcknowledgedAt = null,
                    AcknowledgedBy = null, Occurrences = existing.Occurrences + 1, History = Append(existing, raised),
                },
            };
        }, cancellationToken);

    /// <summary>Clears an alert about any subject if it is open.</summary>
    public Task ClearAsync(AlertSubject subject, string code, string note, CancellationToken cancellationToken) =>
        ChangeAsync(subject.DealerCode, AlertRecord.MakeId(subject.Id, code), existing =>
        {
            var now = clock.GetUtcNow();
            return existing is { Status: AlertRecord.Open }
                ? existing with { Status = AlertRecord.Cleared, ClearedAt = now, History = Append(existing, new(now, "Cleared", "hub", note)) }
                : null;
        }, cancellationToken);

    /// <summary>Marks the current episode as seen by an operator; null when there is no such alert.</summary>
    public async Task<AlertRecord?> AcknowledgeAsync(string id, string operatorId, string? note, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await GetAsync(id, cancellationToken);
            if (existing is null || existing.AcknowledgedAt is not null)
            {
                return existing;
            }

            var now = clock.GetUtcNow();
            var acknowledged = existing with { AcknowledgedAt = now, AcknowledgedBy = operatorId, History = Append(existing, new(now, "Acknowledged", operatorId, note)) };
            if (await store.TrySaveAsync(acknowledged, cancellationToken))
            {
                return await store.GetAsync(existing.DealerCode, id, cancellationToken);
            }
        }

        throw new DocumentBusyException("The alert is being changed concurrently; try again.");
    }

    private async Task ChangeAsync(string dealerCode, string id, Func<AlertRecord?, AlertRecord?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await store.GetAsync(dealerCode, id, cancellationToken);
            if (change(existing) is not { } changed || await store.TrySaveAsync(changed, cancellationToken))
            {
                return;
            }
        }

        throw new DocumentBusyException("The alert is being changed concurrently; try again.");
    }

    private static List<AlertHistoryEntry> Append(AlertRecord alert, AlertHistoryEntry entry) =>
        [.. alert.History.Skip(Math.Max(0, alert.History.Count - MaxHistory + 1)), entry];
}
