using System.Collections.Concurrent;

namespace Dms.Hub.Batches;

/// <summary>
/// The document numbers a batch has seen so far (duplicates within a file), kept between its slices in this process;
/// when a slice runs elsewhere (or after a crash) the set is rebuilt by reading the file's keys up to the checkpoint.
/// </summary>
public sealed class BatchKeyCache
{
    private readonly ConcurrentDictionary<(string Batch, string Phase), (int NextDocument, HashSet<string> Keys)> _sets = new();

    public HashSet<string>? Take(string batchId, string phase, int nextDocument) =>
        _sets.TryRemove((batchId, phase), out var entry) && entry.NextDocument == nextDocument ? entry.Keys : null;

    public void Put(string batchId, string phase, int nextDocument, HashSet<string> keys) => _sets[(batchId, phase)] = (nextDocument, keys);

    public void Forget(string batchId)
    {
        foreach (var key in _sets.Keys.Where(k => k.Batch == batchId))
        {
            _sets.TryRemove(key, out _);
        }
    }
}
