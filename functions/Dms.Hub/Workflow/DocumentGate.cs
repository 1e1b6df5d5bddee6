namespace Dms.Hub.Workflow;

/// <summary>
/// Lets one step of this process at a time plan and commit a given document, so two steps racing on it here (the
/// OEM's <c>Accepted</c> arriving while the delivery it answers is being committed) take turns and the second plans
/// on the first's committed copy instead of failing its batch and reading the document again.
/// </summary>
/// <remarks>
/// Only a saving, never a guarantee: every commit is still checked by ETag (other instances in Azure are not gated).
/// A flow holds at most one gate and never waits for a gate while it holds one (a nested update runs ungated), and
/// a wait is bounded (<see cref="MaxWait"/>, then the step goes on ungated), so the gate cannot deadlock. Entries
/// live only while a step holds or waits for them.
/// </remarks>
public sealed class DocumentGate
{
    private static readonly AsyncLocal<bool> Holding = new();

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long a step waits for another step of the same document before it goes on without the gate.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="body"/> in the document's turn (at once when this flow holds a turn already).</summary>
    public async Task<T> RunAsync<T>(string trackingId, Func<Task<T>> body, CancellationToken cancellationToken)
    {
        if (Holding.Value)
        {
            return await body();
        }

        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(trackingId, out entry!))
            {
                entry = new Entry();
                _entries[trackingId] = entry;
            }

            entry.Users++;
        }

        var entered = false;
        try
        {
            entered = await entry.Semaphore.WaitAsync(MaxWait, cancellationToken);

            // Set in this method's own context: the body and what it awaits see it; the caller's flow does not.
            Holding.Value = true;
            return await body();
        }
        finally
        {
            if (entered)
            {
                entry.Semaphore.Release();
            }

            lock (_entries)
            {
                if (--entry.Users == 0)
                {
                    _entries.Remove(trackingId);
                    entry.Semaphore.Dispose();
                }
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
