namespace Dms.Hub.Work;

public static class WorkKinds
{
    public const string Route = "route";
    public const string Deliver = "deliver";
    public const string Notify = "notify";

    /// <summary>A document effect (rollups, reporting slots): see <see cref="Workflow.IDocumentEffect"/>.</summary>
    public const string Effect = "effect";

    /// <summary>One slice of a batch file: validation or import, checkpointed.</summary>
    public const string Batch = "batch";
}
