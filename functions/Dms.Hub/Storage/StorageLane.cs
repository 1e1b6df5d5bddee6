namespace Dms.Hub.Storage;

/// <summary>
/// Marks an async flow as background work — the projector, the sweeps, the periodic jobs: nobody waits for its answer,
/// so its storage calls may wait for a slot (the storage adapter's <c>BackgroundConcurrency</c>) while
/// acknowledgements and the work that carries a document forward never do.
/// </summary>
/// <remarks>
/// Why: Azurite serves one request at a time, in the order they arrive. The projector's cycle fans out (a batch per
/// shard, per index bucket, per listing partition), so an intake call that arrived just after it waited behind a dozen
/// or more batches — every few hundred milliseconds. Capped, at most that many background calls are ever queued ahead.
/// Like <see cref="Operations.StorageTraffic"/>'s steps, the mark flows into everything the marked code awaits.
/// </remarks>
public static class StorageLane
{
    private static readonly AsyncLocal<bool> InBackground = new();

    /// <summary>Whether the current flow is background work.</summary>
    public static bool IsBackground => InBackground.Value;

    /// <summary>From here on (until disposed) this flow, and whatever it starts, is background work.</summary>
    public static Scope Background()
    {
        var previous = InBackground.Value;
        InBackground.Value = true;
        return new Scope(previous);
    }

    public readonly struct Scope(bool previous) : IDisposable
    {
        public void Dispose() => InBackground.Value = previous;
    }
}
