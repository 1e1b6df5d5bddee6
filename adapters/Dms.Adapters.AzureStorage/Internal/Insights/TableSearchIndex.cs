using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// The business-key index as bucket rows: a key's hash picks one of 65,536 buckets (partition = the hash's first two
/// bits, row = its first four hex digits); the bucket's row holds one property per key and document (<see cref="PostingRow"/>),
/// up to <see cref="RefsPerRow"/> when it is planned on what it holds, then continues in numbered pages its head row
/// counts. A lookup is one point read (plus its bucket's pages, if any, in one parallel round). Many keys to a row
/// because on Azurite a row costs ≈ 1 KB of heap whatever it holds: one row per key made the index 5.8 rows a document.
/// </summary>
/// <remarks>
/// Writing (the projector) costs a transaction per partition and no read: a bucket this process does not hold, only
/// gaining references, gets them merged into its head row as they are — an entry is written whole (every kind the
/// document holds the key as), so merging it twice is merging it once. A bucket it holds (read or planned earlier) is
/// planned on its rows: new rows inserted, stored ones merged on their ETags. A bucket losing references, one with
/// more new references than a row holds, or one whose write failed (a stale copy, or — on Azure — a head row past the
/// service's 252 properties) is read, planned and written on its own. 65,536 buckets keep a head row near 90 entries
/// at a million documents, well under that limit.
/// <para>
/// Blind merges into one head stop once they could take it past <see cref="RefsPerRow"/> (counted per bucket,
/// <see cref="_headRefs"/>): a key many documents share — every row of a batch file carries the batch's correlation
/// ID — is then read once and continues in pages. Without the count only Azure's property limit stopped it (a failed
/// transaction, then the bucket alone); Azurite has none, so the head of a file's correlation bucket gained a property
/// per row of the file, and Azurite copies a row's properties whole on every merge into it.
/// </para>
/// <para>
/// A bucket continued in pages is kept (<see cref="Held"/>) as its head and its last page only: pages fill in order,
/// so only the last can take a new reference, and the head counts the pages. Kept whole, the file's correlation bucket
/// held a reference per row of the file (≈ 300 bytes each) and every cycle planned over all of them (a dictionary of
/// every name, megabytes of garbage a cycle at 100,000 rows): the hub's memory grew with the file. A bucket kept in
/// part is read whole before a reference is taken off it. A reference added again that sits in a page not kept gets a
/// second property in the last page: both carry the same document, lookups return it once (<see cref="FindAsync"/>),
/// and a whole plan changes every copy (<see cref="PostingRow.Plan"/>).
/// </para>
/// </remarks>
/// <param name="maxCachedRefs">References kept across buckets at most (default: <see cref="AzureStorageOptions.SearchIndexCachedRefs"/>).</param>
internal sealed class TableSearchIndex(TableSet tables, int? maxCachedRefs = null) : ISearchIndex
{
    internal const int RefsPerRow = 200;
    private const int Attempts = 5;
    private const int MaxOperations = 100;
    private const int MaxPropertiesPerTransaction = 6_000;
    private const int Reads = 16;
    private readonly int _maxCachedRefs = maxCachedRefs ?? tables.Options.SearchIndexCachedRefs;
    private readonly ConcurrentDictionary<string, Held> _known = new(StringComparer.Ordinal);

    // Per bucket row, at least how many references its head row holds: as read or planned, plus what was merged into it
    // blind since. Kept when the bucket's rows are forgotten (at most one entry per bucket, 65,536).
    private readonly ConcurrentDictionary<string, int> _headRefs = new(StringComparer.Ordinal);
    private int _cached;

    public async Task<IReadOnlyList<IndexRef>> FindAsync(string normalizedKey, CancellationToken cancellationToken)
    {
        var hash = Hash(normalizedKey);
        var rows = await ReadAsync(Partition(hash), Row(hash), cancellationToken);
        return rows.SelectMany(r => PostingRow.Refs(r.Entity, Tag(hash))).Distinct().ToList();
    }

    public async Task ApplyAsync(IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken)
    {
        var buckets = changes.Select(c => (Hash: Hash(c.NormalizedKey), Change: c)).GroupBy(c => Row(c.Hash), StringComparer.Ordinal)
            .Select(g => new BucketChanges(Partition(g.First().Hash), g.Key, g.Select(c => (PostingRow.Name(Tag(c.Hash), c.Change.Ref.TrackingId), c.Change.Ref, c.Change.Remove)).ToList()))
            .ToList();
        var rows = new ConcurrentDictionary<string, List<(TableEntity Entity, ETag ETag)>?>(StringComparer.Ordinal);
        using (var gate = new SemaphoreSlim(Reads))
        {
            await Task.WhenAll(buckets.Select(async bucket =>
            {
                var known = _known.GetValueOrDefault(bucket.Row);
                if (known is not null ? !known.Partial || bucket.Changes.All(c => !c.Remove) : Blind(bucket))
                {
                    rows[bucket.Row] = known?.Rows;
                    return;
                }

                await gate.WaitAsync(cancellationToken);
                try
                {
                    var read = await ReadAsync(bucket.Partition, bucket.Row, cancellationToken);
                    rows[bucket.Row] = read;
                    Remember(bucket.Row, read, []);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var failed = new ConcurrentBag<BucketChanges>();
        await Task.WhenAll(buckets.Select(b => Plan(b, rows[b.Row])).Where(p => p.Writes.Count > 0).GroupBy(p => p.Bucket.Partition, StringComparer.Ordinal)
            .Select(async partition =>
            {
                foreach (var chunk in Chunks(partition))
                {
                    await WriteTogetherAsync(chunk, failed, cancellationToken);
                }
            }));

        foreach (var bucket in failed)
        {
            await ApplyAloneAsync(bucket, cancellationToken);
        }
    }

    /// <summary>Bulk loading: partitions a few at a time (most buckets merged blind, as the projector would), forgetting the rows read after each.</summary>
    internal Task LoadAsync(IReadOnlyList<IndexChange> changes, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(changes.GroupBy(c => Partition(Hash(c.NormalizedKey)), StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                await ApplyAsync(partition.ToList(), ct);
                foreach (var row in partition.Select(c => Row(Hash(c.NormalizedKey))).Distinct(StringComparer.Ordinal))
                {
                    Forget(row);
                }
            });

    /// <summary>
    /// Written without reading: only gaining references, and no more than the head row still has room for as far as
    /// this process knows (it then needs no pages).
    /// </summary>
    private bool Blind(BucketChanges bucket) =>
        bucket.Changes.All(c => !c.Remove) && _headRefs.GetValueOrDefault(bucket.Row) + bucket.Changes.Count <= RefsPerRow;

    /// <summary>On the rows held (null: a blind merge, the changes planned as if the bucket were empty).</summary>
    private static BucketPlan Plan(BucketChanges bucket, List<(TableEntity Entity, ETag ETag)>? rows) =>
        new(bucket, rows ?? [], PostingRow.Plan(bucket.Partition, bucket.Row, rows ?? [], bucket.Changes, RefsPerRow), Blind: rows is null);

    private static IEnumerable<List<BucketPlan>> Chunks(IEnumerable<BucketPlan> plans)
    {
        var chunk = new List<BucketPlan>();
        foreach (var plan in plans)
        {
            if (chunk.Count > 0 && (chunk.Sum(p => p.Writes.Count) + plan.Writes.Count > MaxOperations
                || chunk.Sum(p => p.Properties) + plan.Properties > MaxPropertiesPerTransaction))
            {
                yield return chunk;
                chunk = [];
            }

            chunk.Add(plan);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task WriteTogetherAsync(List<BucketPlan> plans, ConcurrentBag<BucketChanges> failed, CancellationToken cancellationToken)
    {
        while (plans.Count > 0)
        {
            var actions = plans.SelectMany(p => p.Writes.Select(w => Action(w, p.Blind))).ToList();
            try
            {
                var response = await tables.SearchKeys.SubmitTransactionAsync(actions, cancellationToken);
                var index = 0;
                foreach (var plan in plans)
                {
                    var written = plan.Writes.Select(w => (w.Row, response.Value[index++].Headers.ETag!.Value)).ToList();
                    if (plan.Blind)
                    {
                        // A blind merge leaves the bucket's other entries unknown; only the head's growth is counted.
                        _headRefs.AddOrUpdate(plan.Bucket.Row, plan.Bucket.Changes.Count, (_, held) => held + plan.Bucket.Changes.Count);
                    }
                    else
                    {
                        Remember(plan.Bucket.Row, plan.Rows, written);
                    }
                }

                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 400 or 404 or 409 or 412 && ex.FailedTransactionActionIndex is { } at && at < actions.Count)
            {
                var owner = OwnerOf(plans, at);
                Forget(owner.Bucket.Row);
                failed.Add(owner.Bucket);
                plans.Remove(owner);
            }
            catch
            {
                plans.ForEach(p => Forget(p.Bucket.Row));
                throw;
            }
        }
    }

    /// <summary>The plan whose writes include the transaction's <paramref name="action"/>-th operation.</summary>
    private static BucketPlan OwnerOf(List<BucketPlan> plans, int action)
    {
        foreach (var plan in plans)
        {
            if (action < plan.Writes.Count)
            {
                return plan;
            }

            action -= plan.Writes.Count;
        }

        throw new InvalidOperationException("No plan holds that operation.");
    }

    private async Task ApplyAloneAsync(BucketChanges bucket, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rows = await ReadAsync(bucket.Partition, bucket.Row, cancellationToken);
            try
            {
                var written = new List<(TableEntity, ETag)>();
                foreach (var write in PostingRow.Plan(bucket.Partition, bucket.Row, rows, bucket.Changes, RefsPerRow))
                {
                    using var response = await (write.ETag is { } current
                        ? tables.SearchKeys.UpdateEntityAsync(write.Changes, current, TableUpdateMode.Merge, cancellationToken)
                        : tables.SearchKeys.AddEntityAsync(write.Changes, cancellationToken));
                    written.Add((write.Row, response.Headers.ETag!.Value));
                }

                Remember(bucket.Row, rows, written);
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // Someone changed the bucket's rows meanwhile (another projector before its lease lapsed): read again.
                Forget(bucket.Row);
            }
            catch
            {
                Forget(bucket.Row);
                throw;
            }
        }
    }

    /// <summary>The bucket's rows after <paramref name="writes"/>, kept for its next change: the head and the last page.</summary>
    private void Remember(string row, IReadOnlyList<(TableEntity Entity, ETag ETag)> before, IReadOnlyList<(TableEntity Entity, ETag ETag)> writes)
    {
        var rows = before.ToDictionary(r => r.Entity.RowKey, StringComparer.Ordinal);
        foreach (var (entity, etag) in writes)
        {
            rows[entity.RowKey] = (entity, etag);
        }

        if (Volatile.Read(ref _cached) >= _maxCachedRefs)
        {
            _known.Clear();
            Interlocked.Exchange(ref _cached, 0);
        }

        // Head first, then its pages in order (as a read returns them); of the pages only the last is kept.
        var ordered = rows.Values.OrderBy(r => r.Entity.RowKey.Length).ThenBy(r => r.Entity.RowKey, StringComparer.Ordinal).ToList();
        var held = ordered.Count <= 2 ? new Held(ordered, Partial: false) : new Held([ordered[0], ordered[^1]], Partial: true);
        var previous = _known.TryGetValue(row, out var old) ? old.Refs : 0;
        _known[row] = held;
        _headRefs[row] = ordered.Count == 0 ? 0 : PostingRow.RefCount(ordered[0].Entity);
        Interlocked.Add(ref _cached, held.Refs - previous);
    }

    private void Forget(string row)
    {
        if (_known.TryRemove(row, out var held))
        {
            Interlocked.Add(ref _cached, -held.Refs);
        }
    }

    /// <summary>References this process keeps to plan on (properties of the rows kept), across buckets.</summary>
    internal int CachedRefs => Volatile.Read(ref _cached);

    private static TableTransactionAction Action(PageWrite write, bool blind) => write.ETag is { } current
        ? new(TableTransactionActionType.UpdateMerge, write.Changes, current)
        : new(blind ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.Add, write.Changes);

    private async Task<List<(TableEntity Entity, ETag ETag)>> ReadAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var head = await tables.SearchKeys.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!head.HasValue)
        {
            return [];
        }

        var rows = new List<(TableEntity, ETag)> { (head.Value!, head.Value!.ETag) };
        var pages = head.Value!.GetInt32(PostingRow.PagesProperty) ?? 0;
        var more = await Task.WhenAll(Enumerable.Range(1, pages).Select(n =>
            tables.SearchKeys.GetEntityIfExistsAsync<TableEntity>(partition, PostingRow.PageKey(row, n), cancellationToken: cancellationToken)));
        rows.AddRange(more.Where(r => r.HasValue).Select(r => (r.Value!, r.Value!.ETag)));
        return rows;
    }

    /// <summary>The partition and head row key of <paramref name="normalizedKey"/>'s bucket (its pages follow as <c>{row}.{n}</c>).</summary>
    internal static (string Partition, string Row) BucketOf(string normalizedKey)
    {
        var hash = Hash(normalizedKey);
        return (Partition(hash), Row(hash));
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    // Four partitions (q0–q3, by the hash's first two bits): a document's five to seven keys cost at most four
    // transactions when it is projected alone (sixteen cost four to seven, and a cycle under load paid all sixteen),
    // while the bulk loader still writes four partitions at once. Stores indexed before session 11 used k0–kf (rebuild).
    private static string Partition(string hash) => "q" + (Convert.ToInt32(hash[..1], 16) >> 2).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The bucket (65,536; see the remarks above).</summary>
    private static string Row(string hash) => hash[..4];

    /// <summary>32 more bits of the hash tell a bucket's keys apart (a lookup's hits are checked against the listing anyway).</summary>
    private static string Tag(string hash) => hash[4..12];

    /// <summary>A bucket's rows as kept: all of them, or (<paramref name="Partial"/>) its head and last page only.</summary>
    private sealed record Held(List<(TableEntity Entity, ETag ETag)> Rows, bool Partial)
    {
        public int Refs { get; } = Rows.Sum(r => r.Entity.Count);
    }

    private sealed record BucketChanges(string Partition, string Row, IReadOnlyList<(string Name, IndexRef Ref, bool Remove)> Changes);

    private sealed record BucketPlan(BucketChanges Bucket, IReadOnlyList<(TableEntity Entity, ETag ETag)> Rows, List<PageWrite> Writes, bool Blind)
    {
        public int Properties => Writes.Sum(w => w.Changes.Count);
    }
}
