using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Dms.Hub.Registry;

/// <summary>A document type's lifecycle as data: an initial state and the legal (state, trigger) edges.</summary>
public sealed class StateMachine
{
    private readonly FrozenDictionary<(string From, string Trigger), Transition> _edges;

    public StateMachine(string initial, IEnumerable<Transition> transitions)
    {
        Initial = initial;
        var list = transitions.ToList();
        _edges = list.ToFrozenDictionary(t => (t.From, t.Trigger));
        States = list.SelectMany(t => new[] { t.From, t.To }).Append(initial).ToFrozenSet(StringComparer.Ordinal);
    }

    public string Initial { get; }

    public IReadOnlySet<string> States { get; }

    public bool TryFire(string from, string trigger, [NotNullWhen(true)] out Transition? transition) =>
        _edges.TryGetValue((from, trigger), out transition);

    public IReadOnlyList<string> TriggersFrom(string from) =>
        _edges.Keys.Where(k => k.From == from).Select(k => k.Trigger).Order(StringComparer.Ordinal).ToList();

    public IEnumerable<Transition> Transitions => _edges.Values;
}
