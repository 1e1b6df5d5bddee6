using System.Collections.Concurrent;
using Dms.Hub.Registry;

namespace Dms.Hub.Insights;

/// <summary>
/// Whether the OEM has a move to make from a status: a transition whose trigger is an OEM event — neither a dealer
/// command, nor one the hub fires itself, nor a reaction to another document. Answers are remembered per instance.
/// </summary>
internal sealed class OemMoves
{
    private readonly ConcurrentDictionary<(string Type, string Status), bool> _known = new();

    public bool Exist(DocumentType type, string status) => _known.GetOrAdd((type.Name, status), _ =>
    {
        var notOem = type.Commands.SelectMany(c => c.Triggers).Concat(type.Reactions.Select(r => r.Trigger)).Append(Triggers.DeliveryRejected).ToHashSet(StringComparer.Ordinal);
        return type.States.TriggersFrom(status).Any(trigger => !notOem.Contains(trigger));
    });
}
