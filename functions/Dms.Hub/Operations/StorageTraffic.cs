using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Dms.Hub.Common;

namespace Dms.Hub.Operations;

/// <summary>
/// Round trips the hub makes to its storage, by kind (table-read, table-query, table-write, table-batch, queue):
/// counted by the storage adapter, published as the metric <c>dms.storage.requests</c> and in the admin runtime view,
/// so a benchmark can tell how many storage calls a document costs. Round trips made inside a <see cref="Step"/> are
/// also attributed to that lifecycle step of that document type (intake, deliver, an OEM event, notify ...).
/// </summary>
public sealed class StorageTraffic
{
    // The step running in this async flow; storage calls made by anything it awaits count towards it.
    private static readonly AsyncLocal<StepScope?> CurrentStep = new();

    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Type, string Step), StepTotals> _steps = new();
    private readonly Counter<long> _metric;

    /// <param name="meters">The host's meter factory; without one (a bare service collection) a private meter is used.</param>
    public StorageTraffic(IMeterFactory? meters = null) =>
        _metric = (meters?.Create(HubTelemetry.Name) ?? new Meter(HubTelemetry.Name)).CreateCounter<long>("dms.storage.requests", description: "Storage round trips by kind.");

    public void Count(string kind)
    {
        _counts.AddOrUpdate(kind, 1, (_, n) => n + 1);
        CurrentStep.Value?.Add(kind);
        _metric.Add(1, new KeyValuePair<string, object?>("kind", kind));
    }

    /// <summary>
    /// Starts attributing this flow's round trips to <paramref name="step"/> of <paramref name="documentType"/>
    /// until the scope is disposed. The step may be renamed before then (to add its outcome).
    /// </summary>
    public StepScope Step(string documentType, string step)
    {
        var scope = new StepScope(this, documentType, step, CurrentStep.Value);
        CurrentStep.Value = scope;
        return scope;
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    /// <summary>Per document type and step: how often it ran and its round trips by kind.</summary>
    public IReadOnlyList<StepTraffic> Steps() =>
        _steps.Select(s => s.Value.ToTraffic(s.Key.Type, s.Key.Step))
            .OrderBy(s => s.DocumentType, StringComparer.Ordinal).ThenBy(s => s.Step, StringComparer.Ordinal).ToList();

    private void Record(StepScope scope)
    {
        CurrentStep.Value = scope.Parent;
        foreach (var (type, runs, counts) in scope.Shares())
        {
            _steps.GetOrAdd((type, scope.Name), _ => new StepTotals()).Add(counts, runs);
        }
    }

    /// <summary>One run of a step; counts stay local until it ends, so a step's totals never mix in half a run.</summary>
    public sealed class StepScope : IDisposable
    {
        private readonly StorageTraffic _owner;
        private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
        private bool _disposed;

        internal StepScope(StorageTraffic owner, string documentType, string name, StepScope? parent)
        {
            _owner = owner;
            DocumentType = documentType;
            Name = name;
            Parent = parent;
        }

        /// <summary>Set when the document type is known only once the step has started (a work item, once leased).</summary>
        public string DocumentType { get; set; }

        /// <summary>The step's name in the totals; set it to add the outcome (<c>deliver:Completed</c>).</summary>
        public string Name { get; set; }

        /// <summary>How many runs this scope stands for (a batch step over several documents counts each: per-document figures).</summary>
        public long Runs { get; set; } = 1;

        private IReadOnlyDictionary<string, long>? _byType;

        /// <summary>
        /// A step over documents of several types (a projector cycle): its round trips are shared among the types in
        /// proportion to their runs, so each type's figures carry its share of the batch.
        /// </summary>
        public void ShareAmong(IReadOnlyDictionary<string, long> runsByType) => _byType = runsByType;

        internal IEnumerable<(string Type, long Runs, IReadOnlyDictionary<string, long> Counts)> Shares()
        {
            var total = _byType?.Values.Sum() ?? 0;
            if (_byType is null || total == 0)
            {
                yield return (DocumentType, Runs, _counts);
                yield break;
            }

            // Whole trips per type, rounded down; what rounding leaves goes to the type with most runs.
            var largest = _byType.MaxBy(t => t.Value).Key;
            var shares = _byType.ToDictionary(t => t.Key, t => _counts.ToDictionary(c => c.Key, c => c.Value * t.Value / total, StringComparer.Ordinal), StringComparer.Ordinal);
            foreach (var (kind, count) in _counts)
            {
                shares[largest][kind] += count - shares.Values.Sum(s => s[kind]);
            }

            foreach (var (type, runs) in _byType)
            {
                yield return (type, runs, shares[type]);
            }
        }

        internal StepScope? Parent { get; }

        internal IReadOnlyDictionary<string, long> Counts => _counts;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                _owner.Record(this);
            }
        }

        // Parallel awaits inside one step (Task.WhenAll) count from several threads.
        internal void Add(string kind)
        {
            lock (_counts)
            {
                _counts[kind] = _counts.GetValueOrDefault(kind) + 1;
            }
        }
    }

    private sealed class StepTotals
    {
        private readonly Dictionary<string, long> _trips = new(StringComparer.Ordinal);
        private long _runs;

        public void Add(IReadOnlyDictionary<string, long> counts, long runs)
        {
            lock (_trips)
            {
                _runs += runs;
                foreach (var (kind, count) in counts)
                {
                    _trips[kind] = _trips.GetValueOrDefault(kind) + count;
                }
            }
        }

        public StepTraffic ToTraffic(string documentType, string step)
        {
            lock (_trips)
            {
                return new StepTraffic(documentType, step, _runs, new SortedDictionary<string, long>(_trips, StringComparer.Ordinal));
            }
        }
    }
}
