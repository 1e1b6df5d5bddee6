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
/// (up to 100 operations), so a burst costs a few large writes instead of one contended write per document; other
/// processes are kept honest by the ETags (a conflict re-reads and retries).</item>
/// </list>
/// </remarks>
public sealed class SalesRollupWriter(ISalesRollupStore store, SalesRollupCache cache, IOptions<SalesOptions> options)
{
    private const int MaxOperations = 100;
    private const int MaxAttempts = 10;
    private readonly Shard[] _shards = Enumerable.Range(0, options.Value.Shards).Select(_ => new Shard()).ToArray();
    private readonly int _maxGrouped = options.Value.MaxGroupedDocuments;

    public int ShardCount => _shards.Length;

    public int ShardOf(string trackingId) => SalesShards.Of(trackingId, _shards.Length);

    /// <summary>Makes the stored contribution of <paramref name="trackingId"/> match <paramref name="facts"/> (null: counts for nothing).</summary>
    public async Task ApplyAsync(string trackingId, SalesFacts? facts, CancellationToken cancellationToken)
    {
        var index = ShardOf(trackingId);
        var shard = _shards[index];
        var request = new Request(trackingId, facts);
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
        try
        {
            for (var attempt = 0; attempt < MaxAttempts;)
            {
                switch (await TryCommitAsync(index, taken, cancellationToken))
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
                        attempt++;
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

    private async Task<Outcome> TryCommitAsync(int index, List<Request> taken, CancellationToken cancellationToken)
    {
        // The newest request for a document wins; all of them complete together.
        var latest = taken.GroupBy(r => r.TrackingId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Facts, StringComparer.Ordinal);
        var stored = await store.GetContributionsAsync(index, latest.Keys, cancellationToken);
        var changes = new List<ContributionChange>();
        var deltas = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        foreach (var (trackingId, facts) in latest)
        {
            var old = stored.GetValueOrDefault(trackingId);
            var next = facts?.ToContribution(old?.Value)
                ?? (old is null ? null : old.Value with { Vector = SalesVector.Empty() });
            if (next is null || next.SameAs(old?.Value))
            {
                continue;
            }

            changes.Add(new ContributionChange(trackingId, next, old?.ETag));
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

        if (changes.Count + deltas.Count > MaxOperations)
        {
            return Outcome.TooLarge;
        }

        var rows = await Task.WhenAll(deltas.Keys.Select(async key => cache.ForWrite(index, key) ?? await store.GetRowAsync(index, key, cancellationToken)));
        var updated = rows.Select(row => Apply(row, deltas[row.Key])).ToList();
        var etags = await store.CommitAsync(index, changes, updated, cancellationToken);
        if (etags is null)
        {
            foreach (var key in deltas.Keys)
            {
                cache.Invalidate(index, key);
            }

            return Outcome.Conflict;
        }

        foreach (var row in updated)
        {
            cache.Put(index, row with { ETag = etags[row.Key] });
        }

        return Outcome.Committed;
    }

    private static void AddDelta(Dictionary<string, Dictionary<string, long[]>> deltas, SalesContribution contribution, int sign)
    {
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

    private sealed record Request(string TrackingId, SalesFacts? Facts)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Shard
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public LinkedList<Request> Queue { get; } = new();
    }
}
