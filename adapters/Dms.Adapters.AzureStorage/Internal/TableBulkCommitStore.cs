using System.Text;
using Azure.Data.Tables;
using Dms.Hub.Storage;
using Microsoft.Extensions.Logging;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Many new documents of one dealer in few entity-group transactions: their change sets (each as it would be
/// committed alone, <see cref="ChangeBatch"/>) packed whole into groups of at most 100 operations and well under the
/// 4 MiB a transaction may carry, several groups in flight at once.
/// </summary>
/// <remarks>
/// A group fails as a whole when one of its rows exists already (a key: the document was taken in before). The change
/// set that failed is answered from the failure; the rest of that group is then committed one change set at a time —
/// a replay is rare (a file sent again, a slice run again after a crash), and this keeps its cost at one extra round
/// trip per document however many of a group conflict.
/// </remarks>
internal sealed class TableBulkCommitStore(TableSet tables, IDocumentStore single, TimeProvider clock, ILogger<TableDocumentStore> logger) : IBulkCommitStore
{
    private const int MaxOperations = 100;

    // Table Storage takes 4 MiB per transaction; the estimate below counts payload bytes, not the JSON around them.
    private const int MaxEstimatedBytes = 3 * 1024 * 1024;

    private const int GroupsInFlight = 4;

    public async Task<IReadOnlyList<CommitResult>> CommitAllAsync(IReadOnlyList<ChangeSet> changes, CancellationToken cancellationToken)
    {
        var results = new CommitResult[changes.Count];
        if (changes.Count == 0)
        {
            return results;
        }

        if (changes.Any(c => c.DealerCode != changes[0].DealerCode))
        {
            throw new ArgumentException("Change sets committed together belong to one dealer (one partition).", nameof(changes));
        }

        var partition = tables.ShardOf(changes[0].DealerCode);

        var now = clock.GetUtcNow();
        var groups = Group(changes.Select((c, i) => new Member(i, c, ChangeBatch.From(c, partition, now))));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = GroupsInFlight, CancellationToken = cancellationToken },
            async (group, ct) => await CommitGroupAsync(group, results, ct));
        return results;
    }

    private static List<List<Member>> Group(IEnumerable<Member> members)
    {
        var groups = new List<List<Member>>();
        var (current, operations, bytes) = (new List<Member>(), 0, 0L);
        foreach (var member in members)
        {
            var size = EstimateBytes(member.Batch);
            if (current.Count > 0 && (operations + member.Batch.Count > MaxOperations || bytes + size > MaxEstimatedBytes))
            {
                groups.Add(current);
                (current, operations, bytes) = (new List<Member>(), 0, 0L);
            }

            current.Add(member);
            (operations, bytes) = (operations + member.Batch.Count, bytes + size);
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return groups;
    }

    private async Task CommitGroupAsync(List<Member> group, CommitResult[] results, CancellationToken cancellationToken)
    {
        if (group.Count == 1)
        {
            results[group[0].Index] = await single.CommitAsync(group[0].Changes, cancellationToken);
            return;
        }

        try
        {
            var response = await tables.Documents.SubmitTransactionAsync(group.SelectMany(m => m.Batch.Actions), cancellationToken);
            var offset = 0;
            foreach (var member in group)
            {
                member.Batch.Stamp(member.Changes, index => response.Value[offset + index].Headers.ETag?.ToString());
                results[member.Index] = CommitResult.Committed;
                offset += member.Batch.Count;
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            var failed = ex.FailedTransactionActionIndex is { } index ? MemberAt(group, index) : null;
            if (failed is not null && await CommitLanding.LandedAsync(tables.Documents, failed.Value.Member.Batch, failed.Value.Member.Changes, cancellationToken))
            {
                // The group had been applied (its answer lost): each other member's commit alone recognises itself too.
                TableDocumentStore.LogLanded(logger, ex.Status, group.Sum(m => m.Batch.Count));
                results[failed.Value.Member.Index] = CommitResult.Committed;
            }
            else if (failed is not null)
            {
                results[failed.Value.Member.Index] = failed.Value.Member.Batch.PartAt(failed.Value.Operation) switch
                {
                    ChangeBatch.Part.Document => CommitResult.DocumentConflict,
                    ChangeBatch.Part.Key => CommitResult.KeyConflict,
                    ChangeBatch.Part.Work => CommitResult.WorkConflict,
                    _ => throw new InvalidOperationException($"Unexpected conflict on {failed.Value.Member.Batch.PartAt(failed.Value.Operation)}.", ex),
                };
            }

            foreach (var member in group.Where(m => m.Index != failed?.Member.Index))
            {
                results[member.Index] = await single.CommitAsync(member.Changes, cancellationToken);
            }
        }
    }

    private static (Member Member, int Operation)? MemberAt(List<Member> group, int index)
    {
        foreach (var member in group)
        {
            if (index < member.Batch.Count)
            {
                return (member, index);
            }

            index -= member.Batch.Count;
        }

        return null;
    }

    private static long EstimateBytes(ChangeBatch batch) =>
        batch.Actions.Sum(a => a.Entity is TableEntity entity
            ? entity.Sum(p => 64 + p.Key.Length + p.Value switch
            {
                string text => Encoding.UTF8.GetByteCount(text),
                byte[] bytes => bytes.Length * 4L / 3,
                BinaryData data => data.ToMemory().Length * 4L / 3,
                _ => 32,
            })
            : 1024);

    private sealed record Member(int Index, ChangeSet Changes, ChangeBatch Batch);
}
