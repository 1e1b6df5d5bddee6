using Dms.Hub.PartsOrders.Suggestions;

namespace Dms.Hub.PartsOrders.Inventory;

/// <summary>Port: dealers' stock positions (the head of each snapshot chain), suggestions, and once-a-day marks.</summary>
public interface IPartsInventoryStore
{
    Task<InventoryHead?> GetHeadAsync(string dealerCode, CancellationToken cancellationToken);

    /// <summary>The stock position stored with <paramref name="head"/>.</summary>
    Task<StockPosition> ReadPositionAsync(string dealerCode, InventoryHead head, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="position"/> and makes <paramref name="head"/> the head, with <paramref name="record"/>,
    /// atomically and only if the head is still <paramref name="expected"/> (null: none yet); false otherwise (another
    /// snapshot won, or this one's ID is taken).
    /// </summary>
    Task<bool> TryCommitAsync(string dealerCode, InventoryHead? expected, InventoryHead head, SnapshotRecord record, StockPosition position, CancellationToken cancellationToken);

    Task<SnapshotRecord?> GetSnapshotAsync(string dealerCode, string snapshotId, CancellationToken cancellationToken);

    /// <summary>Every dealer with stock data.</summary>
    IAsyncEnumerable<string> ListDealersAsync(CancellationToken cancellationToken);

    Task SaveSuggestionAsync(Suggestion suggestion, CancellationToken cancellationToken);

    Task<Suggestion?> GetSuggestionAsync(string dealerCode, string suggestionId, CancellationToken cancellationToken);

    /// <summary>Sets a mark (a nightly run done for a dealer and day); false when it was set already.</summary>
    Task<bool> TryMarkAsync(string dealerCode, string mark, CancellationToken cancellationToken);

    Task<bool> IsMarkedAsync(string dealerCode, string mark, CancellationToken cancellationToken);
}
