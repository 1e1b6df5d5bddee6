namespace Dms.Hub.Alerts;

/// <summary>Port: business alerts, one record per document and condition.</summary>
public interface IAlertStore
{
    Task<AlertRecord?> GetAsync(string dealerCode, string id, CancellationToken cancellationToken);

    /// <summary>Inserts an alert (no ETag) or replaces it under its ETag; false when it was created or changed meanwhile.</summary>
    Task<bool> TrySaveAsync(AlertRecord alert, CancellationToken cancellationToken);

    /// <summary>Throws <see cref="FormatException"/> for a continuation token it did not issue.</summary>
    Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Saves many alerts (each inserted, or replaced under its ETag) in as few round trips as the store allows; returns
    /// those not saved because they were created or changed meanwhile (the caller redoes them one by one).
    /// </summary>
    Task<IReadOnlyList<AlertRecord>> SaveManyAsync(IReadOnlyList<AlertRecord> alerts, CancellationToken cancellationToken);
}

/// <summary>A page request over alerts; every given filter must hold.</summary>
public sealed record AlertQuery(string? Status, string? DealerCode, string? Code, string? DocumentType, int PageSize, string? ContinuationToken);

public sealed record AlertPage(IReadOnlyList<AlertRecord> Items, string? ContinuationToken);
