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
        ChangeAsync(subject.DealerCode, AlertRecord.MakeId(subject.Id, code), existing => Raised(existing, subject, code, title, message, clock.GetUtcNow()), cancellationToken);

    /// <summary>Clears an alert about any subject if it is open.</summary>
    public Task ClearAsync(AlertSubject subject, string code, string note, CancellationToken cancellationToken) =>
        ChangeAsync(subject.DealerCode, AlertRecord.MakeId(subject.Id, code), existing => Cleared(existing, note, clock.GetUtcNow()), cancellationToken);

    /// <summary>
    /// Brings every alert of one code about one kind of a dealer's subjects in line with <paramref name="breached"/>
    /// (subject ID → subject and message): raises those not open, clears the open ones no longer breached — in batches,
    /// so thousands of subjects (a dealer's parts) cost tens of round trips; an alert changed meanwhile is redone alone.
    /// </summary>
    public async Task ReconcileAsync(string dealerCode, string code, string title, string subjectType,
        IReadOnlyDictionary<string, (AlertSubject Subject, string Message)> breached, string clearNote, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var known = new Dictionary<string, AlertRecord>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await store.ListAsync(new AlertQuery(null, dealerCode, code, subjectType, 1000, token), cancellationToken);
            foreach (var alert in page.Items)
            {
                known[alert.TrackingId] = alert;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        var changes = breached.Select(b => Raised(known.GetValueOrDefault(b.Key), b.Value.Subject, code, title, b.Value.Message, now))
            .Concat(known.Values.Where(a => !breached.ContainsKey(a.TrackingId)).Select(a => Cleared(a, clearNote, now)))
            .OfType<AlertRecord>().ToList();
        foreach (var missed in await store.SaveManyAsync(changes, cancellationToken))
        {
            var subject = new AlertSubject(missed.DealerCode, missed.DocumentType, missed.TrackingId, missed.DocumentNumber);
            await (breached.TryGetValue(missed.TrackingId, out var b)
                ? RaiseAsync(subject, code, title, b.Message, cancellationToken)
                : ClearAsync(subject, code, clearNote, cancellationToken));
        }
    }

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

    /// <summary>The alert raised (a new one, or a new episode of a cleared one); null when it is open already.</summary>
    private static AlertRecord? Raised(AlertRecord? existing, AlertSubject subject, string code, string title, string message, DateTimeOffset now)
    {
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
    }

    /// <summary>The alert cleared; null when it is not open.</summary>
    private static AlertRecord? Cleared(AlertRecord? existing, string note, DateTimeOffset now) =>
        existing is { Status: AlertRecord.Open }
            ? existing with { Status = AlertRecord.Cleared, ClearedAt = now, History = Append(existing, new(now, "Cleared", "hub", note)) }
            : null;

    private static List<AlertHistoryEntry> Append(AlertRecord alert, AlertHistoryEntry entry) =>
        [.. alert.History.Skip(Math.Max(0, alert.History.Count - MaxHistory + 1)), entry];
}
