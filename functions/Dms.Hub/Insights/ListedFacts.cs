using System.Collections.Concurrent;

namespace Dms.Hub.Insights;

/// <summary>
/// The listing rows this projector wrote, trusted only while it holds the projector lease without a break (the
/// projector is the listing's one writer): then a copy is what storage holds, and a document submitted after the copy
/// was started that is not in it was never listed — its first projection needs no read. A lease that lapsed or the
/// bound reached start it over; until then (<see cref="Trusted"/> false) every document is read. A projection that
/// failed half-way may have written some of its listing rows: only its documents are read again (<see cref="Suspect"/>).
/// </summary>
public sealed class ListedFacts(Microsoft.Extensions.Options.IOptionsMonitor<InsightsOptions> options)
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, DocumentFacts> _facts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _suspect = new(StringComparer.Ordinal);
    private DateTimeOffset? _since;

    public bool Trusted => _since is not null;

    /// <summary>Starts a trusted copy (the lease was just taken, or renewed after a break).</summary>
    public void Start(DateTimeOffset now)
    {
        _facts.Clear();
        _suspect.Clear();
        _since = now;
    }

    /// <summary>Trusts nothing until the next <see cref="Start"/> (a cycle failed half-way).</summary>
    public void Forget()
    {
        _since = null;
        _facts.Clear();
        _suspect.Clear();
    }

    /// <summary>
    /// A projection of these documents failed after it may have written some of their listing rows: what is kept of
    /// them may be older than storage, so they are read until listed again. The rest stays trusted.
    /// </summary>
    public void Suspect(IEnumerable<string> trackingIds)
    {
        foreach (var trackingId in trackingIds)
        {
            _facts.TryRemove(trackingId, out _);
            _suspect[trackingId] = true;
        }
    }

    /// <summary>The listed facts of <paramref name="target"/>'s document when known here (null inside: never listed).</summary>
    public bool TryGet(DocumentFacts target, out DocumentFacts? listed)
    {
        listed = null;
        if (_since is not { } since || _suspect.ContainsKey(target.TrackingId))
        {
            return false;
        }

        if (_facts.TryGetValue(target.TrackingId, out var known))
        {
            listed = known;
            return true;
        }

        // Submission times come from other instances' clocks: "after the start" only counts this much later.
        return target.SubmittedAt > since + TimeSpan.FromSeconds(options.CurrentValue.ClockSkewSeconds);
    }

    public void Put(IEnumerable<DocumentFacts> written, DateTimeOffset now)
    {
        if (_since is null)
        {
            return;
        }

        if (_facts.Count >= MaxEntries)
        {
            Start(now);
        }

        foreach (var facts in written)
        {
            _facts[facts.TrackingId] = facts;
            _suspect.TryRemove(facts.TrackingId, out _);
        }
    }
}
