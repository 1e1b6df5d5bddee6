using System.Collections.Concurrent;

namespace Dms.OemSimulator;

/// <summary>
/// What the OEM side has seen: every request, every distinct Idempotency-Key and every effect (a key applied the
/// first time). Reconciliation compares these with the hub: effects must equal distinct keys.
/// </summary>
internal sealed class Ledger
{
    private readonly ConcurrentDictionary<string, string> _applied = new(StringComparer.Ordinal);
    private long _requests;
    private long _effects;
    private long _counter;

    public long Requests => Interlocked.Read(ref _requests);

    public long Effects => Interlocked.Read(ref _effects);

    public int DistinctKeys => _applied.Count;

    public void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>Applies a keyed request once; later calls with the same key get the first answer.</summary>
    public (string Reference, bool First) Apply(string idempotencyKey, string prefix)
    {
        var first = false;
        var reference = _applied.GetOrAdd(idempotencyKey, _ =>
        {
            first = true;
            return $"{prefix}-{Interlocked.Increment(ref _counter):D6}";
        });
        if (first)
        {
            Interlocked.Increment(ref _effects);
        }

        return (reference, first);
    }
}
