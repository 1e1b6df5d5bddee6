using System.Collections.Frozen;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Effects;

/// <summary>
/// The registered <see cref="IDocumentEffect"/>s. When a document is created or changes status,
/// <see cref="Workflow.DocumentWorkflow.React"/> adds one <c>effect</c> work item per interested effect (and per
/// declared reaction) to the same change set; <see cref="EffectHandler"/> runs them.
/// </summary>
/// <remarks>Effects are resolved on first use: they may depend on the workflow themselves (a cycle otherwise).</remarks>
public sealed class DocumentEffects(IServiceProvider services)
{
    /// <summary>The work item argument naming an <see cref="IDocumentEffect"/>; absent on reaction items.</summary>
    public const string EffectArgument = "effect";

    /// <summary>The work item argument holding what the effect carries of the committed document (<see cref="IDocumentEffect.Carry"/>).</summary>
    public const string CarriedArgument = "carried";

    private readonly Lazy<FrozenDictionary<string, IDocumentEffect>> _effects =
        new(() => services.GetServices<IDocumentEffect>().ToFrozenDictionary(e => e.Name, StringComparer.Ordinal));

    public IEnumerable<IDocumentEffect> Wanted(Workflow.DocumentRecord document, string? previousStatus) =>
        _effects.Value.Values.Where(e => e.Wants(document, previousStatus));

    public IDocumentEffect? Find(string? name) => name is not null && _effects.Value.TryGetValue(name, out var effect) ? effect : null;
}
