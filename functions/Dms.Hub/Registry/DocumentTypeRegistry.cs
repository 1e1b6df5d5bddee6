using System.Collections.Frozen;

namespace Dms.Hub.Registry;

/// <summary>All registered document types, by name and by URL segment.</summary>
public sealed class DocumentTypeRegistry
{
    private readonly FrozenDictionary<string, DocumentType> _byName;
    private readonly FrozenDictionary<string, DocumentType> _bySegment;
    private readonly FrozenDictionary<(string, string), IReadOnlyList<(DocumentType, DocumentReaction)>> _reactions;

    public DocumentTypeRegistry(IEnumerable<DocumentType> types)
    {
        All = types.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        _byName = All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _bySegment = All.ToFrozenDictionary(t => t.RouteSegment, StringComparer.Ordinal);
        _reactions = All
            .SelectMany(target => target.Reactions.Select(reaction => (Target: target, Reaction: reaction)))
            .GroupBy(r => (r.Reaction.SourceType, r.Reaction.SourceStatus))
            .ToFrozenDictionary(g => g.Key, g => (IReadOnlyList<(DocumentType, DocumentReaction)>)g.ToList());
    }

    public IReadOnlyList<DocumentType> All { get; }

    public DocumentType Get(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw new KeyNotFoundException($"Unknown document type '{name}'.");

    public bool TryGet(string name, out DocumentType type) => _byName.TryGetValue(name, out type!);

    /// <summary>The reactions other types declared on a document of <paramref name="sourceType"/> entering <paramref name="status"/>.</summary>
    public IReadOnlyList<(DocumentType Target, DocumentReaction Reaction)> ReactionsTo(string sourceType, string status) =>
        _reactions.TryGetValue((sourceType, status), out var reactions) ? reactions : [];

    public bool TryGetBySegment(string segment, out DocumentType type) =>
        _bySegment.TryGetValue(segment, out type!);
}
