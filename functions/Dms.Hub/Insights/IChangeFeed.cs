namespace Dms.Hub.Insights;

/// <summary>
/// Port: the change feed. Committing a document also upserts its marker in the same atomic batch, so no change is
/// ever missed; a document changed ten times before anyone looks is one marker. Consumers delete a marker under its
/// ETag once they have caught up, so a change made meanwhile leaves it in place.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Markers of every shard, up to <paramref name="max"/>.</summary>
    Task<IReadOnlyList<ChangeMarker>> ScanAsync(int max, CancellationToken cancellationToken);

    Task<ChangeMarker?> GetAsync(string dealerCode, string trackingId, CancellationToken cancellationToken);

    /// <summary>
    /// Removes each marker if it is unchanged (markers of one shard together); per marker, false when the document
    /// changed again (or it is gone).
    /// </summary>
    Task<IReadOnlyList<bool>> CompleteAsync(IReadOnlyList<ChangeMarker> markers, CancellationToken cancellationToken);
}
