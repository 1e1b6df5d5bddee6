using System.Globalization;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Dms.Hub.Batches;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Batch files and their logs as blobs: <c>{dealer}/{batch}/file</c> and one blob per log slice
/// (<c>{dealer}/{batch}/{log}/000001</c>), so a slice written twice is simply overwritten. Uploads and reads stream in
/// blocks of a few MiB: a file is never held whole.
/// </summary>
internal sealed class BlobBatchFileStore : IBatchFileStore
{
    private const int BlockBytes = 4 * 1024 * 1024;
    private readonly BlobContainerClient _container;
    private readonly Lazy<Task> _created;

    public BlobBatchFileStore(BlobServiceClient service, AzureStorageOptions options)
    {
        _container = service.GetBlobContainerClient((options.TablePrefix + "batches").ToLowerInvariant());
        _created = new Lazy<Task>(() => _container.CreateIfNotExistsAsync());
    }

    public async Task SaveAsync(string dealerCode, string batchId, Stream content, CancellationToken cancellationToken)
    {
        await _created.Value;
        var options = new BlobUploadOptions
        {
            TransferOptions = new StorageTransferOptions { InitialTransferSize = BlockBytes, MaximumTransferSize = BlockBytes, MaximumConcurrency = 1 },
            HttpHeaders = new BlobHttpHeaders { ContentType = "text/csv" },
        };
        await _container.GetBlobClient(Name(dealerCode, batchId, "file")).UploadAsync(content, options, cancellationToken);
    }

    public async Task<Stream> OpenReadAsync(string dealerCode, string batchId, long offset, CancellationToken cancellationToken)
    {
        await _created.Value;
        return await _container.GetBlobClient(Name(dealerCode, batchId, "file"))
            .OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { Position = offset, BufferSize = BlockBytes / 4 }, cancellationToken);
    }

    public async Task DeleteAsync(string dealerCode, string batchId, CancellationToken cancellationToken)
    {
        await _created.Value;
        await _container.GetBlobClient(Name(dealerCode, batchId, "file")).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task WriteLogSliceAsync(string dealerCode, string batchId, string log, int slice, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await _created.Value;
        var name = Name(dealerCode, batchId, $"{log}/{slice.ToString("D6", CultureInfo.InvariantCulture)}");
        await _container.GetBlobClient(name).UploadAsync(new BinaryData(content), overwrite: true, cancellationToken);
    }

    public async Task<Stream> OpenLogAsync(string dealerCode, string batchId, string log, CancellationToken cancellationToken)
    {
        await _created.Value;
        var names = new List<string>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = Name(dealerCode, batchId, log + "/") }, cancellationToken))
        {
            names.Add(blob.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return new ConcatenatedStream(names.Select(n => (Func<Task<Stream>>)(() => _container.GetBlobClient(n).OpenReadAsync(cancellationToken: cancellationToken))));
    }

    private static string Name(string dealerCode, string batchId, string part) => $"{dealerCode}/{batchId}/{part}";
}
