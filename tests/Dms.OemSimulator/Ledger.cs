using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Dms.OemSimulator;

/// <summary>
/// What the OEM side has seen: every request, every distinct Idempotency-Key (applied or not) and every effect (a key
/// applied the first time). Reconciliation compares these with the hub: each delivered message has exactly one effect,
/// and no business message (destination, tracking ID, message type, content version) takes effect under two keys.
/// </summary>
internal sealed class Ledger
{
    private readonly ConcurrentDictionary<string, Effect> _applied = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _seenKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _firstKeyByMessage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _inFlightByKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _injected = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, int> _requestsBySecond = new();
    private long _requests;
    private long _duplicateEffects;
    private long _overlaps;
    private long _counter;
    private int _inFlight;
    private int _maxInFlight;

    public long Requests => Interlocked.Read(ref _requests);

    public int Effects => _applied.Count;

    public int DistinctKeys => _seenKeys.Count;

    public IEnumerable<Effect> AllEffects => _applied.Values;

    /// <summary>Counts a request and marks it in flight until the returned scope is disposed.</summary>
    public IDisposable Begin(string idempotencyKey)
    {
        Interlocked.Increment(ref _requests);
        _requestsBySecond.AddOrUpdate(DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 1, (_, n) => n + 1);
        var now = Interlocked.Increment(ref _inFlight);
        for (var max = Volatile.Read(ref _maxInFlight); now > max && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max; max = Volatile.Read(ref _maxInFlight))
        {
        }

        if (idempotencyKey.Length > 0)
        {
            _seenKeys.TryAdd(idempotencyKey, 0);
            if (_inFlightByKey.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1) > 1)
            {
                Interlocked.Increment(ref _overlaps);
            }
        }

        return new Scope(this, idempotencyKey);
    }

    public void CountInjected(string fault) => _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);

    /// <summary>Applies a keyed request once; later calls with the same key get the first answer.</summary>
    public (string Reference, bool First) Apply(string idempotencyKey, string prefix, JsonObject message)
    {
        var first = false;
        var effect = _applied.GetOrAdd(idempotencyKey, key =>
        {
            first = true;
            return new Effect(key, $"{prefix}-{Interlocked.Increment(ref _counter):D6}", prefix,
                message["trackingId"]?.GetValue<string>() ?? "", message["messageType"]?.GetValue<string>() ?? "",
                message["contentVersion"]?.GetValue<int>() ?? 0, DateTimeOffset.UtcNow);
        });
        if (first)
        {
            var business = $"{prefix}|{effect.TrackingId}|{effect.MessageType}|{effect.ContentVersion}";
            if (_firstKeyByMessage.GetOrAdd(business, idempotencyKey) != idempotencyKey)
            {
                Interlocked.Increment(ref _duplicateEffects);
            }
        }

        return (effect.Reference, first);
    }

    public JsonObject Stats() => new()
    {
        ["requests"] = Requests,
        ["distinctKeys"] = DistinctKeys,
        ["effects"] = Effects,
        ["duplicateEffects"] = Interlocked.Read(ref _duplicateEffects),
        ["overlappingAttempts"] = Interlocked.Read(ref _overlaps),
        ["maxInFlight"] = Volatile.Read(ref _maxInFlight),
        ["peakRequestsPerSecond"] = _requestsBySecond.Values.DefaultIfEmpty(0).Max(),
        ["faultsInjected"] = new JsonObject(_injected.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
    };

    private void End(string idempotencyKey)
    {
        Interlocked.Decrement(ref _inFlight);
        if (idempotencyKey.Length > 0)
        {
            _inFlightByKey.AddOrUpdate(idempotencyKey, 0, (_, n) => n - 1);
        }
    }

    /// <summary>One applied key: what it was and when it took effect.</summary>
    public sealed record Effect(string Key, string Reference, string Destination, string TrackingId, string MessageType, int ContentVersion, DateTimeOffset At);

    private sealed class Scope(Ledger ledger, string key) : IDisposable
    {
        public void Dispose() => ledger.End(key);
    }
}
