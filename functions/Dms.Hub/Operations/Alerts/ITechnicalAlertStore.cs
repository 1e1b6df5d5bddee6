namespace Dms.Hub.Operations.Alerts;

/// <summary>Port: technical alerts (a small set, read whole) and the snoozes of every alert.</summary>
public interface ITechnicalAlertStore
{
    Task<IReadOnlyList<TechnicalAlert>> ListAsync(CancellationToken cancellationToken);

    Task<TechnicalAlert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Inserts (no ETag) or replaces under the ETag; false when it changed meanwhile.</summary>
    Task<bool> TrySaveAsync(TechnicalAlert alert, CancellationToken cancellationToken);

    Task SnoozeAsync(AlertSnooze snooze, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<string, AlertSnooze>> SnoozesAsync(CancellationToken cancellationToken);
}
