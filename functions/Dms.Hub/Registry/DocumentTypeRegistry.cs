using System.Collections.Frozen;

namespace Dms.Hub.Registry;

/// <summary>All registered document types, by name and by URL segment.</summary>
public sealed class DocumentTypeRegistry
{
    private readonly FrozenDictionary<string, DocumentType> _byName;
    private readonly FrozenDictionary<string, DocumentType> _bySegment;

    public DocumentTypeRegistry(IEnumerable<DocumentType> types)
    {
        All = types.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        _byName = All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
        _bySegment = All.ToFrozenDictionary(t => t.RouteSegment, StringComparer.Ordinal);
    }

    public IReadOnlyList<DocumentType> All { get; }

    public DocumentType Get(string name) =>
        _byName.TryGetValue(name, out var type) ? type : throw new KeyNotFoundException($"Unknown document type '{name}'.");

    public bool TryGetBySegment(string segment, out DocumentType type) =>
        _bySegment.TryGetValue(segment, out type!);
}
