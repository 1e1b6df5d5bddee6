using System.Text;
using Azure.Data.Tables;
using Dms.Hub.Storage;
using Dms.Hub.Work;
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

    public async Task<IReadOnlyList<CommitResult>> CommitAllAsync(IReadOnlyList<ChangeSet> changes, CancellationToken cancellationToken) =>
        await CommitAllAsync(changes, null, cancellationToken);

    public async Task<IReadOnlyList<CommitResult>> CommitAllAsync(IReadOnlyList<ChangeSet> changes, Func<WorkItem, bool>? journaled, CancellationToken cancellationToken)
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
        var groups = Group(changes.Select((c, i) => new Member(i, c, ChangeBatch.From(c, partition, now, journaled), JournaledSize(c, journaled))));
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = GroupsInFlight, CancellationToken = cancellationToken },
            async (group, ct) => await CommitGroupAsync(group, journaled, partition, now, results, ct));
        return results;
    }

    // Characters the member's journaled work takes in its group's journal (0: none of its work is journaled).
    private static int JournaledSize(ChangeSet changes, Func<WorkItem, bool>? journaled) =>
        journaled is null ? 0 : changes.NewWork.Where(journaled).Sum(WorkJournal.SizeOf);

    private static List<List<Member>> Group(IEnumerable<Member> members)
    {
        var groups = new List<List<Member>>();
        var (current, operations, bytes, journal) = (new List<Member>(), 0, 0L, 0);
        foreach (var member in members)
        {
            var size = EstimateBytes(member.Batch) + member.JournalChars;
            // One operation more for the group's journal, once one of its members has journaled work.
            var journalOperation = journal == 0 && member.JournalChars > 0 ? 1 : 0;
            if (current.Count > 0 && (operations + member.Batch.Count + journalOperation > MaxOperations || bytes + size > MaxEstimatedBytes
                || journal + member.JournalChars > WorkJournal.MaxChars))
            {
                groups.Add(current);
                (current, operations, bytes, journal) = (new List<Member>(), 0, 0L, 0);
                journalOperation = member.JournalChars > 0 ? 1 : 0;
            }

            current.Add(member);
            (operations, bytes, journal) = (operations + member.Batch.Count + journalOperation, bytes + size, journal + member.JournalChars);
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return groups;
    }

    private async Task CommitGroupAsync(List<Member> group, Func<WorkItem, bool>? journaled, string partition, DateTimeOffset now, CommitResult[] results, CancellationToken cancellationToken)
    {
        if (group.Count == 1)
        {
            // Alone, its work gets rows of its own (the batch was planned without them: plan it again).
            results[group[0].Index] = await single.CommitAsync(group[0].Changes, cancellationToken);
            return;
        }

        WorkItem? journal = null;
        try
        {
            // The group's journaled work in one row (WorkJournal), written last in the same transaction.
            var members = journaled is null ? [] : group.SelectMany(m => m.Changes.NewWork.Where(journaled)).ToList();
            journal = members.Count > 0 ? WorkJournal.For(group[0].Changes.DealerCode, members, now) : null;
            var actions = group.SelectMany(m => m.Batch.Actions).ToList();
            if (journal is not null)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, WorkRows.ToEntity(partition, journal)));
            }

            var response = await tables.DocumentsIn(partition).SubmitTransactionAsync(actions, cancellationToken);
            var journalETag = journal is null ? null : response.Value[actions.Count - 1].Headers.ETag?.ToString();
            var offset = 0;
            foreach (var member in group)
            {
                member.Batch.Stamp(member.Changes, index => response.Value[offset + index].Headers.ETag?.ToString());
                StampJournaled(member, journaled, journal, journalETag);
                results[member.Index] = CommitResult.Committed;
                offset += member.Batch.Count;
            }
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            var failed = ex.FailedTransactionActionIndex is { } index ? MemberAt(group, index) : null;
            if (failed is not null && await CommitLanding.LandedAsync(tables.DocumentsIn(partition), failed.Value.Member.Batch, failed.Value.Member.Changes, cancellationToken))
            {
                // The group had been applied, its answer lost (the transaction is atomic): every member is committed,
                // with the ETags read back — its own rows' and the group journal's.
                TableDocumentStore.LogLanded(logger, ex.Status, group.Sum(m => m.Batch.Count));
                var journalETag = journal is null ? null : await ETagOfAsync(WorkRows.ToEntity(partition, journal), cancellationToken);
                foreach (var member in group)
                {
                    if (member.Index != failed.Value.Member.Index)
                    {
                        await CommitLanding.LandedAsync(tables.DocumentsIn(partition), member.Batch, member.Changes, cancellationToken);
                    }

                    StampJournaled(member, journaled, journal, journalETag);
                    results[member.Index] = CommitResult.Committed;
                }

                return;
            }

            if (failed is not null)
            {
                results[failed.Value.Member.Index] = failed.Value.Member.Batch.PartAt(failed.Value.Operation) switch
                {
                    ChangeBatch.Part.Document => CommitResult.DocumentConflict,
                    ChangeBatch.Part.Key => CommitResult.KeyConflict,
                    ChangeBatch.Part.Work or ChangeBatch.Part.NewWork => CommitResult.WorkConflict,
                    _ => throw new InvalidOperationException($"Unexpected conflict on {failed.Value.Member.Batch.PartAt(failed.Value.Operation)}.", ex),
                };
            }

            foreach (var member in group.Where(m => m.Index != failed?.Member.Index))
            {
                results[member.Index] = await single.CommitAsync(member.Changes, cancellationToken);
            }
        }
    }

    // The member's journaled work carries the group journal's ID and ETag instead of rows of its own.
    private static void StampJournaled(Member member, Func<WorkItem, bool>? journaled, WorkItem? journal, string? journalETag)
    {
        if (journal is null || journaled is null)
        {
            return;
        }

        var work = member.Changes.NewWork;
        for (var i = 0; i < work.Count; i++)
        {
            if (journaled(work[i]))
            {
                work[i] = work[i] with { ETag = journalETag, Journal = journal.Id };
            }
        }
    }

    private async Task<string?> ETagOfAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var read = await tables.DocumentsIn(row.PartitionKey).GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, [CommitLanding.TokenColumn], cancellationToken);
        return read.HasValue ? read.Value!.ETag.ToString() : null;
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

    private sealed record Member(int Index, ChangeSet Changes, ChangeBatch Batch, int JournalChars);
}
