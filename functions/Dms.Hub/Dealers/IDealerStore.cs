namespace Dms.Hub.Dealers;

/// <summary>Port: the partner registry.</summary>
public interface IDealerStore
{
    Task<Dealer?> GetAsync(string code, CancellationToken cancellationToken);

    Task<IReadOnlyList<Dealer>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a dealer; false when the code is taken.</summary>
    Task<bool> TryAddAsync(Dealer dealer, CancellationToken cancellationToken);

    Task UpsertAsync(Dealer dealer, CancellationToken cancellationToken);
}
