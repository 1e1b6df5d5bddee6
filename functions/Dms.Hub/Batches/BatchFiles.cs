namespace Dms.Hub.Batches;

/// <summary>Reading a batch file slice by slice (with the duplicate check's key set), and writing its log slices.</summary>
public sealed class BatchFiles(IBatchFileStore files, BatchKeyCache keys)
{
    /// <summary>Up to <paramref name="max"/> documents from <paramref name="start"/>, and where the next slice starts.</summary>
    public async Task<BatchSlice> ReadSliceAsync(BatchJob job, BatchCheckpoint start, int max, CancellationToken cancellationToken)
    {
        var documents = new List<BatchDocument>();
        var batch = job.Record;
        await using var stream = await files.OpenReadAsync(batch.DealerCode, batch.Id, start.Offset, cancellationToken);
        try
        {
            await foreach (var document in job.Format.ReadAsync(stream, batch, start, keysOnly: false, cancellationToken))
            {
                if (documents.Count == max)
                {
                    return new BatchSlice(documents, document.Start, Ended: false, FileError: null);
                }

                documents.Add(document);
            }
        }
        catch (BatchFormatException ex)
        {
            return new BatchSlice(documents, start, Ended: true, ex.Error);
        }

        return new BatchSlice(documents, start, Ended: true, FileError: null);
    }

    /// <summary>The document numbers seen before <paramref name="start"/> (from memory, or rebuilt from the file).</summary>
    public async Task<HashSet<string>> KeysBeforeAsync(BatchJob job, string phase, BatchCheckpoint start, CancellationToken cancellationToken)
    {
        var batch = job.Record;
        if (keys.Take(batch.Id, phase, start.Document) is { } known)
        {
            return known;
        }

        var set = new HashSet<string>(StringComparer.Ordinal);
        if (start.Document == 0)
        {
            return set;
        }

        await using var stream = await files.OpenReadAsync(batch.DealerCode, batch.Id, 0, cancellationToken);
        await foreach (var document in job.Format.ReadAsync(stream, batch, BatchCheckpoint.Start, keysOnly: true, cancellationToken))
        {
            if (document.Index >= start.Document)
            {
                break;
            }

            if (document.Key is { } key)
            {
                set.Add(key);
            }
        }

        return set;
    }

    public void KeepKeys(BatchRecord batch, string phase, int nextDocument, HashSet<string> set) => keys.Put(batch.Id, phase, nextDocument, set);

    public void Forget(BatchRecord batch) => keys.Forget(batch.Id);

    public Task WriteLogAsync<T>(BatchRecord batch, string log, int slice, IEnumerable<T> entries, CancellationToken cancellationToken) =>
        files.WriteLogSliceAsync(batch.DealerCode, batch.Id, log, slice, BatchLogs.Encode(entries), cancellationToken);

    public async IAsyncEnumerable<T> ReadLogAsync<T>(BatchRecord batch, string log, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenLogAsync(batch.DealerCode, batch.Id, log, cancellationToken);
        await foreach (var entry in BatchLogs.ReadAsync<T>(stream, cancellationToken))
        {
            yield return entry;
        }
    }

    /// <summary>Every row error of a batch, validation and import, in row order.</summary>
    public IAsyncEnumerable<BatchRowError> ErrorsAsync(BatchRecord batch, CancellationToken cancellationToken) =>
        BatchLogs.MergeAsync(ReadLogAsync<BatchRowError>(batch, BatchLogs.ValidationErrors, cancellationToken), ReadLogAsync<BatchRowError>(batch, BatchLogs.ImportErrors, cancellationToken), cancellationToken);

    public Task<Stream> OpenFileAsync(BatchRecord batch, CancellationToken cancellationToken) => files.OpenReadAsync(batch.DealerCode, batch.Id, 0, cancellationToken);

    /// <summary>Error counts by column and code, merged with those found so far.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Count(IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> sofar, IEnumerable<BatchRowError> errors)
    {
        var counts = sofar.ToDictionary(c => c.Key, c => c.Value.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var error in errors)
        {
            var column = error.Column.Length == 0 ? "(file)" : error.Column;
            if (!counts.TryGetValue(column, out var codes))
            {
                counts[column] = codes = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            codes[error.Code] = codes.GetValueOrDefault(error.Code) + 1;
        }

        return counts.ToDictionary(c => c.Key, c => (IReadOnlyDictionary<string, int>)c.Value, StringComparer.Ordinal);
    }
}

/// <summary>Documents of one slice, where the next slice starts, whether the file ended, and why it stopped being readable.</summary>
public sealed record BatchSlice(IReadOnlyList<BatchDocument> Documents, BatchCheckpoint Next, bool Ended, BatchRowError? FileError);
