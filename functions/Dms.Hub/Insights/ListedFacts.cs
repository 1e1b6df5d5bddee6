using Dms.Hub.Common;

namespace Dms.Hub.Insights;

/// <summary>
/// The listing rows this projector wrote, trusted only while it holds the projector lease without a break (the
/// projector is the listing's one writer): then a copy is what storage holds, and a document submitted after the copy
/// was started that this projector never listed was never listed — its first projection needs no read. A lease that
/// lapsed starts it over; until then (<see cref="Trusted"/> false) every document is read. A projection that failed
/// half-way may have written some of its listing rows: only its documents are read again (<see cref="Suspect"/>).
/// </summary>
/// <remarks>
/// Memory is bounded without forgetting what was listed: the facts are kept in two generations of
/// <see cref="GenerationSize"/> documents, and when the older one goes, its tracking IDs go into a Bloom filter
/// (<see cref="EvictedCapacity"/> IDs in about 1.2 MB). A document in neither generation that the filter may hold is
/// read (its listing row: a point read); one the filter surely never saw was never listed. So the copy starts over
/// only every <see cref="EvictedCapacity"/> documents — before, it started over every 20,000, and a large file's next
/// ≈ 60 s of documents (everything submitted before the new start plus the clock skew) were each read once more
/// (0.24 → 0.72 round trips per row on a 100,000-row file).
/// </remarks>
public sealed class ListedFacts(Microsoft.Extensions.Options.IOptionsMonitor<InsightsOptions> options)
{
    public const int GenerationSize = 10_000;
    public const int EvictedCapacity = 1_000_000;
    private readonly Lock _gate = new();
    private readonly BloomFilter _evicted = new(EvictedCapacity);
    private readonly HashSet<string> _suspect = new(StringComparer.Ordinal);
    private Dictionary<string, DocumentFacts> _current = new(StringComparer.Ordinal);
    private Dictionary<string, DocumentFacts> _previous = new(StringComparer.Ordinal);
    private DateTimeOffset? _since;

    public bool Trusted
    {
        get
        {
            lock (_gate)
            {
                return _since is not null;
            }
        }
    }

    /// <summary>Documents whose facts are kept (at most twice <see cref="GenerationSize"/>).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    /// <summary>Starts a trusted copy (the lease was just taken, or renewed after a break).</summary>
    public void Start(DateTimeOffset now)
    {
        lock (_gate)
        {
            Clear();
            _since = now;
        }
    }

    /// <summary>Trusts nothing until the next <see cref="Start"/> (a cycle failed half-way).</summary>
    public void Forget()
    {
        lock (_gate)
        {
            Clear();
            _since = null;
        }
    }

    /// <summary>
    /// A projection of these documents failed after it may have written some of their listing rows: what is kept of
    /// them may be older than storage, so they are read until listed again. The rest stays trusted.
    /// </summary>
    public void Suspect(IEnumerable<string> trackingIds)
    {
        lock (_gate)
        {
            foreach (var trackingId in trackingIds)
            {
                _current.Remove(trackingId);
                _previous.Remove(trackingId);
                _suspect.Add(trackingId);
            }
        }
    }

    /// <summary>The listed facts of <paramref name="target"/>'s document when known here (null inside: never listed).</summary>
    public bool TryGet(DocumentFacts target, out DocumentFacts? listed)
    {
        listed = null;
        lock (_gate)
        {
            if (_since is not { } since || _suspect.Contains(target.TrackingId))
            {
                return false;
            }

            if (_current.TryGetValue(target.TrackingId, out var known) || _previous.TryGetValue(target.TrackingId, out known))
            {
                listed = known;
                return true;
            }

            // Submission times come from other instances' clocks: "after the start" only counts this much later.
            return target.SubmittedAt > since + TimeSpan.FromSeconds(options.CurrentValue.ClockSkewSeconds) && !_evicted.MayContain(target.TrackingId);
        }
    }

    public void Put(IEnumerable<DocumentFacts> written, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_since is null)
            {
                return;
            }

            foreach (var facts in written)
            {
                if (_current.Count >= GenerationSize && !_current.ContainsKey(facts.TrackingId))
                {
                    NextGeneration(now);
                }

                _current[facts.TrackingId] = facts;
                _previous.Remove(facts.TrackingId);
                _suspect.Remove(facts.TrackingId);
            }
        }
    }

    // The older generation's documents are remembered only as "listed once" (in the filter); when the filter is full,
    // the copy starts over.
    private void NextGeneration(DateTimeOffset now)
    {
        if (_evicted.Count + _previous.Count > _evicted.Capacity)
        {
            Clear();
            _since = now;
            return;
        }

        foreach (var trackingId in _previous.Keys)
        {
            _evicted.Add(trackingId);
        }

        (_previous, _current) = (_current, new Dictionary<string, DocumentFacts>(StringComparer.Ordinal));
    }

    private void Clear()
    {
        _current.Clear();
        _previous.Clear();
        _suspect.Clear();
        _evicted.Clear();
    }
}
