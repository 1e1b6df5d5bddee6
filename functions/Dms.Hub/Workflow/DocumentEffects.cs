using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Workflow;

/// <summary>
/// The registered <see cref="IDocumentEffect"/>s. A minimal mechanism: when a document is created or changes status,
/// <see cref="DocumentWorkflow"/> adds one <c>effect</c> work item per interested effect to the same change set.
/// </summary>
/// <remarks>Effects are resolved on first use: they may depend on the workflow themselves (a cycle otherwise).</remarks>
public sealed class DocumentEffects(IServiceProvider services)
{
    private readonly Lazy<FrozenDictionary<string, IDocumentEffect>> _effects =
        new(() => services.GetServices<IDocumentEffect>().ToFrozenDictionary(e => e.Name, StringComparer.Ordinal));

    public IEnumerable<IDocumentEffect> Wanted(DocumentRecord document, string? previousStatus) =>
        _effects.Value.Values.Where(e => e.Wants(document, previousStatus));

    public IDocumentEffect? Find(string? name) => name is not null && _effects.Value.TryGetValue(name, out var effect) ? effect : null;
}
