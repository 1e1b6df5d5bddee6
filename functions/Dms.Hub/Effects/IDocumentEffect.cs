using Dms.Hub.Workflow;

namespace Dms.Hub.Effects;

/// <summary>
/// Port: a consequence of a document's change that lives outside the document's partition and is not a trigger on
/// another document (those are <see cref="Registry.DocumentReaction"/>s) — a sales rollup, the reporting slot a
/// periodic report fills. It runs as the same durable <c>effect</c> work as reactions, committed with the change that
/// causes it, so it is never lost; it must be idempotent and derive everything from the document as it stands when it
/// runs (work items can run twice and out of order).
/// </summary>
public interface IDocumentEffect
{
    /// <summary>Stable name, stored on the work item.</summary>
    string Name { get; }

    /// <summary>Whether this change of <paramref name="document"/> needs the effect (<paramref name="previousStatus"/> null: just created).</summary>
    bool Wants(DocumentRecord document, string? previousStatus);

    /// <summary>Brings the effect in line with the document as it stands now.</summary>
    Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken);

    /// <summary>
    /// What the effect needs of the document as this change commits it, carried on the work item so the item runs
    /// without reading the document (<see cref="ApplyCarriedAsync"/>); null: the item reads the document when it runs.
    /// What is carried names the document's revision, so an effect can tell a late, older change from a newer one.
    /// </summary>
    string? Carry(DocumentRecord document, string? previousStatus) => null;

    /// <summary>Brings the effect in line with what <see cref="Carry"/> put on the work item of the document's change.</summary>
    Task ApplyCarriedAsync(string dealerCode, string trackingId, string carried, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The effect '{Name}' carries nothing on its work items.");
}
