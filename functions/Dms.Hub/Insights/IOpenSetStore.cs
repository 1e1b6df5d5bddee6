namespace Dms.Hub.Insights;

/// <summary>Port: the open sets (<see cref="OpenEntry"/>), each read in sort-key order.</summary>
public interface IOpenSetStore
{
    /// <summary>Writes <paramref name="added"/> and deletes <paramref name="removed"/>; idempotent.</summary>
    Task ApplyAsync(IReadOnlyList<OpenEntry> added, IReadOnlyList<OpenEntry> removed, CancellationToken cancellationToken);

    /// <summary>
    /// Entries of <paramref name="setName"/> with sort keys in [<paramref name="first"/>, <paramref name="until"/>), in
    /// order, up to <paramref name="max"/> — only those of <paramref name="only"/>'s region and dealer when given (the
    /// store filters, so a region's or a dealer's entries are not all sent to be dropped).
    /// </summary>
    Task<IReadOnlyList<OpenEntry>> ReadAsync(string setName, string? first, string? until, int max, OpenFilter only, CancellationToken cancellationToken);

    /// <summary>Whether each entry (by its identity: set, sort key, tracking ID and ID) is still in its set — point reads.</summary>
    Task<IReadOnlyList<bool>> ExistAsync(IReadOnlyList<OpenEntry> entries, CancellationToken cancellationToken);
}

/// <summary>
/// Whose open entries to read: one region's, one dealer's, or (both null) everyone's; with <paramref name="AtOrAfter"/>,
/// only entries whose data's <c>at</c> (fixed-width UTC text, <see cref="OpenSets.Time"/>) is not earlier.
/// </summary>
public sealed record OpenFilter(string? Region = null, string? DealerCode = null, string? AtOrAfter = null)
{
    public static OpenFilter Everyone { get; } = new();
}
