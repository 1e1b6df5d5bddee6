namespace Dms.Hub.Batches;

/// <summary>
/// Port: the uploaded files and the logs their processing writes (errors, results), as blobs. A log is a series of
/// numbered slices, so writing a slice again after a crash replaces it instead of adding a copy.
/// </summary>
public interface IBatchFileStore
{
    /// <summary>Streams the upload into storage (never holding it whole).</summary>
    Task SaveAsync(string dealerCode, string batchId, Stream content, CancellationToken cancellationToken);

    /// <summary>Reads the file from <paramref name="offset"/>, streaming.</summary>
    Task<Stream> OpenReadAsync(string dealerCode, string batchId, long offset, CancellationToken cancellationToken);

    Task DeleteAsync(string dealerCode, string batchId, CancellationToken cancellationToken);

    /// <summary>Writes (or replaces) slice <paramref name="slice"/> of a log.</summary>
    Task WriteLogSliceAsync(string dealerCode, string batchId, string log, int slice, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>The slices of a log, in order, as one stream; empty when nothing was written.</summary>
    Task<Stream> OpenLogAsync(string dealerCode, string batchId, string log, CancellationToken cancellationToken);
}
