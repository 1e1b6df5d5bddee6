namespace Dms.Hub.Batches;

/// <summary>Port: batch records (per dealer) and the Idempotency-Keys of uploads.</summary>
public interface IBatchStore
{
    /// <summary>Adds the record (and its idempotency key, atomically); false when the key was used already.</summary>
    Task<bool> TryAddAsync(BatchRecord batch, CancellationToken cancellationToken);

    Task<BatchRecord?> GetAsync(string dealerCode, string batchId, CancellationToken cancellationToken);

    /// <summary>The batch an upload with this Idempotency-Key created, if any.</summary>
    Task<BatchRecord?> FindByKeyAsync(string dealerCode, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Replaces under the record's ETag; false when it changed meanwhile.</summary>
    Task<bool> TryReplaceAsync(BatchRecord batch, CancellationToken cancellationToken);

    /// <summary>A dealer's batches, newest first.</summary>
    Task<IReadOnlyList<BatchRecord>> ListAsync(string dealerCode, int max, CancellationToken cancellationToken);

    /// <summary>Every batch that is not finished (the stalled-batch sweep's input).</summary>
    IAsyncEnumerable<BatchRecord> ListUnfinishedAsync(CancellationToken cancellationToken);
}
