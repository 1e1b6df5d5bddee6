namespace Dms.Hub.Insights;

/// <summary>Port: the open sets (<see cref="OpenEntry"/>), each read in sort-key order.</summary>
public interface IOpenSetStore
{
    /// <summary>Writes <paramref name="added"/> and deletes <paramref name="removed"/>; idempotent.</summary>
    Task ApplyAsync(IReadOnlyList<OpenEntry> added, IReadOnlyList<OpenEntry> removed, CancellationToken cancellationToken);

    /// <summary>Entries of <paramref name="setName"/> with sort keys in [<paramref name="first"/>, <paramref name="until"/>), in order, up to <paramref name="max"/>.</summary>
    Task<IReadOnlyList<OpenEntry>> ReadAsync(string setName, string? first, string? until, int max, CancellationToken cancellationToken);
}
