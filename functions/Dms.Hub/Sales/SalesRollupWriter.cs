using Microsoft.Extensions.Options;

namespace Dms.Hub.Sales;

/// <summary>
/// Keeps the sales rollups equal to a recount of the RDRs, however often and in whatever order changes arrive.
/// </summary>
/// <remarks>
/// Why this shape:
/// <list type="bullet">
/// <item>Exactly once without a log: each document's current contribution is stored in the same partition as the
/// aggregates it was added to, and both change in one transaction under ETags. Applying a document again finds its
/// contribution unchanged and writes nothing; a change is applied as "minus the stored, plus the new".</item>
/// <item>No hot row: documents are spread over <see cref="SalesOptions.Shards"/> partitions by tracking ID, so fifty
/// dealers of one region reporting at once write to many rows, never one counter per region.</item>
/// <item>Group commit: within a process, one flusher per shard folds every waiting document into one transaction
/// (up to 99 contributions and rows), so a burst costs a few large writes instead of one contended write per document; other
/// processes are kept honest by the ETags (a conflict re-reads and retries).</item>
/// </list>
/// </remarks>
public sealed class SalesRollupWriter(ISalesRollupStore store, SalesRollupCache cache, IOptions<SalesOptions> options)
{
    private const int MaxAttempts = 10;
    private readonly Shard[] _shards = Enumerable.Range(0, options.Value.Shards).Select(_ => new Shard()).ToArray();
    private readonly int _maxGrouped = options.Value.MaxGroupedDocuments;

    public int ShardCount => _shards.Length;

    public int ShardOf(string trackingId) => SalesShards.Of(trackingId, _shards.Length);

    /// <summary>Makes the stored contribution of <paramref name="trackingId"/> match <paramref name="facts"/> (null: counts for nothing).</summary>
    public Task ApplyAsync(string trackingId, SalesFacts? facts, CancellationToken cancellationToken) =>
        ApplyAsync(trackingId, facts, isNew: false, cancellationToken);

    /// <summary>
    /// As <see cref="ApplyAsync(string, SalesFacts?, CancellationToken)"/>; facts of a revision (<see cref="SalesFacts.Revision"/>
    /// above 0) older than the stored contribution's are ignored. <paramref name="isNew"/>: the document has no stored
    /// contribution yet, so none is read (if one exists after all, the transaction fails and is planned again on it).
    /// </summary>
    public async Task ApplyAsync(string trackingId, SalesFacts? facts, bool isNew, CancellationToken cancellationToken)
    {
        var index = ShardOf(trackingId);
        var shard = _shards[index];
        var request = new Request(trackingId, facts, isNew);
        lock (shard.Queue)
        {
            shard.Queue.AddLast(request);
        }

        await shard.Gate.WaitAsync(cancellationToken);
        try
        {
            // Whoever holds the gate flushes what is waiting; a request someone else committed is already done.
            while (!request.Done.Task.IsCompleted)
            {
                await FlushAsync(index, shard, cancellationToken);
            }
        }
        finally
        {
            shard.Gate.Release();
        }

        await request.Done.Task;
    }

    private async Task FlushAsync(int index, Shard shard, CancellationToken cancellationToken)
    {
        var taken = Take(shard, _maxGrouped);
        var readAll = false;
        try
        {
            for (var attempt = 0; attempt < MaxAttempts;)
            {
                switch (await TryCommitAsync(index, taken, readAll, cancellationToken))
                {
                    case Outcome.Committed:
                        taken.ForEach(r => r.Done.TrySetResult());
                        return;
                    case Outcome.TooLarge when taken.Count > 1:
                        // More rows than one transaction holds: commit the first half, the rest goes back in front.
                        var rest = taken.Skip(taken.Count / 2).ToList();
                        taken = taken.Take(taken.Count / 2).ToList();
                        PutBack(shard, rest);
                        break;
                    default:
                        // A conflict: what was assumed new may exist (a retry, another instance) — read every contribution.
                        attempt++;
                        readAll = true;
                        break;
                }
            }

            throw new SalesRollupBusyException($"Rollup shard {index} kept changing under {MaxAttempts} attempts.");
        }
        catch (Exception ex)
        {
            taken.ForEach(r => r.Done.TrySetException(ex));
        }
    }

    private async Task<Outcome> TryCommitAsync(int index, List<Request> taken, bool readAll, CancellationToken cancellationToken)
    {
        // The newest request for a document wins (by revision, then order); all of them complete together.
        var latest = taken.GroupBy(r => r.TrackingId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate((a, b) => (b.Facts?.Revision ?? 0) >= (a.Facts?.Revision ?? 0) ? b : a), StringComparer.Ordinal);
        var unknown = latest.Values.Where(r => readAll || !r.IsNew).Select(r => r.TrackingId).ToList();
        var stored = unknown.Count == 0 ? new Dictionary<string, StoredContribution>() : await store.GetContributionsAsync(index, unknown, cancellationToken);
        var changes = new List<ContributionChange>();
        var deltas = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        foreach (var (trackingId, request) in latest)
        {
            var old = stored.GetValueOrDefault(trackingId);
            if (Next(request.Facts, old?.Value) is not { } next)
            {
                continue;
            }

            changes.Add(new ContributionChange(trackingId, next, old?.ETag));
            if (next.SameAs(old?.Value))
            {
                // Only its revision moves on: the aggregates stay as they are.
                continue;
            }

            if (old is not null)
            {
                AddDelta(deltas, old.Value, -1);
            }

            AddDelta(deltas, next, +1);
        }

        if (changes.Count == 0)
        {
            return Outcome.Committed;
        }

        if (changes.Count + deltas.Count > ISalesRollupStore.MaxCommitted)
        {
            return Outcome.TooLarge;
        }

        var rows = await Task.WhenAll(deltas.Keys.Select(async key => cache.ForWrite(index, key) ?? await store.GetRowAsync(index, key, cancellationToken)));
        var updated = rows.Select(row => Apply(row, deltas[row.Key])).ToList();
        var commit = await store.CommitAsync(index, changes, updated, cancellationToken);
        if (commit is null)
        {
            foreach (var key in deltas.Keys)
            {
                cache.Invalidate(index, key);
            }

            return Outcome.Conflict;
        }

        foreach (var row in updated)
        {
            cache.Put(index, row with { ETag = commit.ETags[row.Key] }, commit.Version);
        }

        return Outcome.Committed;
    }

    /// <summary>
    /// The contribution to write, or null when the stored one already says as much: same facts, or facts of a newer
    /// revision (this change arrived late). A report that counts for nothing and has no contribution gets an empty one
    /// when its revision is known, so the older change that counted it, arriving later, is recognised and ignored.
    /// </summary>
    private static SalesContribution? Next(SalesFacts? facts, SalesContribution? old)
    {
        var revision = facts?.Revision ?? 0;
        if (old is not null && revision > 0 && old.Revision >= revision)
        {
            return null;
        }

        var next = facts?.ToContribution(old) ?? (old is null ? null : old with { Vector = SalesVector.Empty() });
        if (next is null || (next.SameAs(old) && next.Revision <= (old?.Revision ?? 0)) || (old is null && revision == 0 && SalesVector.IsZero(next.Vector)))
        {
            return null;
        }

        return next;
    }

    private static void AddDelta(Dictionary<string, Dictionary<string, long[]>> deltas, SalesContribution contribution, int sign)
    {
        if (SalesVector.IsZero(contribution.Vector))
        {
            return;
        }

        foreach (var key in contribution.RowKeys())
        {
            if (!deltas.TryGetValue(key, out var cells))
            {
                deltas[key] = cells = new Dictionary<string, long[]>(StringComparer.Ordinal);
            }

            if (!cells.TryGetValue(contribution.Cell, out var vector))
            {
                cells[contribution.Cell] = vector = SalesVector.Empty();
            }

            SalesVector.Add(vector, contribution.Vector, sign);
        }
    }

    /// <summary>A new snapshot of the row with the deltas applied (rows in the cache are never changed in place).</summary>
    private static SalesRollupRow Apply(SalesRollupRow row, Dictionary<string, long[]> delta)
    {
        var cells = new Dictionary<string, long[]>(row.Cells, StringComparer.Ordinal);
        foreach (var (cell, change) in delta)
        {
            var vector = cells.TryGetValue(cell, out var current) ? (long[])current.Clone() : SalesVector.Empty();
            SalesVector.Add(vector, change);
            if (SalesVector.IsZero(vector))
            {
                cells.Remove(cell);
            }
            else
            {
                cells[cell] = vector;
            }
        }

        return row with { Cells = cells };
    }

    private static List<Request> Take(Shard shard, int max)
    {
        lock (shard.Queue)
        {
            var taken = new List<Request>();
            while (taken.Count < max && shard.Queue.First is { } first)
            {
                taken.Add(first.Value);
                shard.Queue.RemoveFirst();
            }

            return taken;
        }
    }

    private static void PutBack(Shard shard, List<Request> requests)
    {
        lock (shard.Queue)
        {
            for (var i = requests.Count - 1; i >= 0; i--)
            {
                shard.Queue.AddFirst(requests[i]);
            }
        }
    }

    private enum Outcome
    {
        Committed,
        Conflict,
        TooLarge,
    }

    private sealed record Request(string TrackingId, SalesFacts? Facts, bool IsNew)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Shard
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public LinkedList<Request> Queue { get; } = new();
    }
}
