namespace Dms.Hub.Dealers;

/// <summary>Port: HQ users and regional managers (their keys live in the credential store, as salted hashes).</summary>
public interface IHqUserStore
{
    Task<HqUser?> GetAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<HqUser>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a user; false when the ID is taken.</summary>
    Task<bool> TryAddAsync(HqUser user, CancellationToken cancellationToken);

    Task UpsertAsync(HqUser user, CancellationToken cancellationToken);
}
