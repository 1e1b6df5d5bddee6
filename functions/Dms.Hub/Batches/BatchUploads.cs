using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Batches;

/// <summary>
/// Takes a file in: stored first (streamed, hashed, size-checked), its beginning checked (encoding, header, data rows),
/// then a batch record and its first work item — processing happens asynchronously. The same Idempotency-Key with
/// the same file answers with the same batch; with another file, a conflict.
/// </summary>
public sealed class BatchUploads(IBatchStore batches, IBatchFileStore files, BatchJobs jobs, DocumentCommitter committer, TimeProvider clock)
{
    private const int HeadBytes = 64 * 1024;

    public IBatchFormat? FormatFor(string mediaType) =>
        jobs.Formats.FirstOrDefault(f => f.MediaTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase));

    public long MaxFileBytes => jobs.Options.MaxFileBytes;

    public async Task<BatchUploadResult> UploadAsync(BatchUpload upload, CancellationToken cancellationToken)
    {
        var (dealer, target, format) = (upload.Dealer, upload.Target, upload.Format);
        if (upload.DeclaredLength > MaxFileBytes)
        {
            return BatchUploadResult.Refused(TooLarge());
        }

        var now = clock.GetUtcNow();
        var id = TrackingIds.New(dealer.Code, now);
        await using var stream = new UploadStream(upload.Content, MaxFileBytes, HeadBytes);
        try
        {
            await files.SaveAsync(dealer.Code, id, stream, cancellationToken);
        }
        catch (Exception ex) when (ex is BatchTooLargeException || ex.InnerException is BatchTooLargeException)
        {
            await files.DeleteAsync(dealer.Code, id, CancellationToken.None);
            return BatchUploadResult.Refused(TooLarge());
        }

        var sniff = format.Sniff(stream.Head, stream.Complete, target.Name);
        if (sniff.Problem is { } problem)
        {
            await files.DeleteAsync(dealer.Code, id, CancellationToken.None);
            return BatchUploadResult.Refused(problem);
        }

        var batch = new BatchRecord
        {
            Id = id, DealerCode = dealer.Code, DocumentType = target.Name, Format = format.Name, Policy = jobs.PolicyFor(target), FileName = upload.FileName,
            Bytes = stream.Length_, Sha256 = stream.Sha256, Delimiter = sniff.Delimiter, Bom = sniff.Bom, Columns = sniff.Columns,
            IdempotencyKey = upload.IdempotencyKey, ReceivedAt = now, UpdatedAt = now,
        };
        if (!await batches.TryAddAsync(batch, cancellationToken))
        {
            await files.DeleteAsync(dealer.Code, id, CancellationToken.None);
            var earlier = await batches.FindByKeyAsync(dealer.Code, upload.IdempotencyKey!, cancellationToken);
            return earlier is not null && earlier.Sha256 == batch.Sha256 && earlier.DocumentType == batch.DocumentType
                ? new BatchUploadResult(earlier, null, Replayed: true)
                : BatchUploadResult.Refused(new BatchFileProblem(409, "IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a different file."));
        }

        var changes = new ChangeSet(dealer.Code);
        changes.NewWork.Add(BatchHandler.WorkFor(batch, now, id));
        await committer.CommitAsync(changes, cancellationToken);
        return new BatchUploadResult(batch, null, Replayed: false);
    }

    private BatchFileProblem TooLarge() => new(413, "PAYLOAD_TOO_LARGE", $"The file exceeds the limit of {MaxFileBytes} bytes.");
}

/// <summary>An upload: who, what, in which format, the content (streamed), and its declared length and name if known.</summary>
public sealed record BatchUpload(Dealer Dealer, IBatchTarget Target, IBatchFormat Format, Stream Content, long? DeclaredLength, string? FileName, string? IdempotencyKey);

/// <summary>The batch (new, or the earlier one for a replayed Idempotency-Key), or why the upload was refused.</summary>
public sealed record BatchUploadResult(BatchRecord? Batch, BatchFileProblem? Problem, bool Replayed)
{
    public static BatchUploadResult Refused(BatchFileProblem problem) => new(null, problem, false);
}
