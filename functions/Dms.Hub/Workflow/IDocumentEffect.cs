namespace Dms.Hub.Workflow;

/// <summary>
/// Port: a consequence of a document's change that lives outside the document's partition — a sales rollup, the
/// reporting slot a periodic report fills, another document. Each is run as durable work committed together with the
/// change that causes it, so it is never lost; it must be idempotent and derive everything from the document as it
/// stands when it runs (work items can run twice and out of order).
/// </summary>
public interface IDocumentEffect
{
    /// <summary>Stable name, stored on the work item.</summary>
    string Name { get; }

    /// <summary>Whether this change of <paramref name="document"/> needs the effect (<paramref name="previousStatus"/> null: just created).</summary>
    bool Wants(DocumentRecord document, string? previousStatus);

    /// <summary>Brings the effect in line with the document as it stands now.</summary>
    Task ApplyAsync(DocumentRecord document, CancellationToken cancellationToken);
}
