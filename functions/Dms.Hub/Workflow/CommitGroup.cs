using Dms.Hub.Storage;

namespace Dms.Hub.Workflow;

/// <summary>
/// Commits of many documents of one dealer made at about the same time — the deliveries of a batch file's rows, run
/// together (<see cref="Work.InlineWork"/>) — taken into the same entity-group transactions (<see cref="IBulkCommitStore"/>)
/// instead of one each. Active only inside <see cref="Open"/>: a REST or SOAP request, and work run by the loop, commit
/// alone as before.
/// </summary>
/// <remarks>
/// Each change set stays all-or-nothing and is answered as if it had been committed alone: a group the store refuses as
/// a whole is answered per change set (the store names the one that conflicted and commits the others one by one), so a
/// stale copy gets <see cref="CommitResult.DocumentConflict"/> and its caller re-plans on a fresh one, as always. A
/// commit waits at most <see cref="Window"/> for others of its partition; a group is sent at once when it is full.
/// </remarks>
public sealed class CommitGroup
{
    /// <summary>How long the first commit of a group waits for others of its partition.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(30);

    // Change sets per group at most: a delivery's change set is about four operations (document, marker, work), so a
    // full group is one transaction of the 100 operations allowed.
    private const int MaxMembers = 25;

    private static readonly AsyncLocal<CommitGroup?> Active = new();

    private readonly IBulkCommitStore _bulk;
    private readonly IDocumentStore _single;
    private readonly Dictionary<string, List<Pending>> _pending = new(StringComparer.Ordinal);

    private CommitGroup(IBulkCommitStore bulk, IDocumentStore single) => (_bulk, _single) = (bulk, single);

    /// <summary>The group commits in this flow go through, if any.</summary>
    public static CommitGroup? Current => Active.Value;

    /// <summary>Commits in this flow (and the tasks it starts) are grouped until the returned scope is disposed.</summary>
    public static IDisposable Open(IBulkCommitStore bulk, IDocumentStore store)
    {
        var previous = Active.Value;
        Active.Value = new CommitGroup(bulk, store);
        return new Scope(previous);
    }

    /// <summary>Commits <paramref name="changes"/> with the others of its partition arriving within <see cref="Window"/>.</summary>
    public Task<CommitResult> CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var pending = new Pending(changes);
        List<Pending>? full = null;
        lock (_pending)
        {
            if (!_pending.TryGetValue(changes.DealerCode, out var group))
            {
                _pending[changes.DealerCode] = group = [];
                _ = FlushLaterAsync(changes.DealerCode, group);
            }

            group.Add(pending);
            if (group.Count >= MaxMembers)
            {
                _pending.Remove(changes.DealerCode);
                full = group;
            }
        }

        if (full is not null)
        {
            _ = FlushAsync(full);
        }

        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    private async Task FlushLaterAsync(string dealerCode, List<Pending> group)
    {
        await Task.Delay(Window);
        lock (_pending)
        {
            if (!_pending.TryGetValue(dealerCode, out var current) || !ReferenceEquals(current, group))
            {
                return;
            }

            _pending.Remove(dealerCode);
        }

        await FlushAsync(group);
    }

    private async Task FlushAsync(List<Pending> group)
    {
        try
        {
            var results = group.Count == 1
                ? [await _single.CommitAsync(group[0].Changes, CancellationToken.None)]
                : await _bulk.CommitAllAsync(group.Select(p => p.Changes).ToList(), CancellationToken.None);
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            // Something the group commit does not sort out (an unexpected refusal): each change set alone, as it would
            // have been committed without the group, with its own result or failure.
            await Task.WhenAll(group.Select(async p =>
            {
                try
                {
                    p.Done.TrySetResult(await _single.CommitAsync(p.Changes, CancellationToken.None));
                }
                catch (Exception ex)
                {
                    p.Done.TrySetException(ex);
                }
            }));
        }
        catch (Exception ex)
        {
            group[0].Done.TrySetException(ex);
        }
    }

    private sealed record Pending(ChangeSet Changes)
    {
        public TaskCompletionSource<CommitResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Scope(CommitGroup? previous) : IDisposable
    {
        public void Dispose() => Active.Value = previous;
    }
}
