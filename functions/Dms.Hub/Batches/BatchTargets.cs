using Dms.Hub.Intake;
using Dms.Hub.Registry;

namespace Dms.Hub.Batches;

/// <summary>Every batch target: each registered document type, and the targets that are not documents (parts stock snapshots).</summary>
public sealed class BatchTargets(DocumentTypeRegistry types, DocumentIntake intake, IEnumerable<IBatchTarget> others, TimeProvider clock)
{
    private readonly Lazy<IReadOnlyList<IBatchTarget>> _all = new(() =>
        [.. types.All.Select(t => (IBatchTarget)new DocumentBatchTarget(t, intake, clock)), .. others]);

    public IReadOnlyList<IBatchTarget> All => _all.Value;

    public IBatchTarget? Find(string? name) => All.FirstOrDefault(t => t.Name == name);
}
