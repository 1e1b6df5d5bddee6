using Dms.Hub.Dealers;
using Dms.Hub.Registry;

namespace Dms.Hub.Batches;

/// <summary>One slice's context: the batch, what its documents become, who sent it, and how much to do before handing on.</summary>
/// <remarks>The time budget is measured on the process's own stopwatch: it is about work done, not about the hub's clock.</remarks>
public sealed record BatchJob(BatchRecord Record, IBatchTarget Target, Dealer Dealer, IBatchFormat Format, TimeProvider Clock, TimeSpan Budget, BatchOptions Options)
{
    /// <summary>The document type, when the target is one (periodic report slots follow their files).</summary>
    public DocumentType? Type => Target.DocumentType;

    public int SliceDocuments => Options.SliceDocuments;

    public int Parallelism => Options.Parallelism;

    /// <summary>The hub's time now (timings are stamped when things happen, not when the slice began).</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Whether the slice has used its time: it then checkpoints and hands on to a fresh work item.</summary>
    public bool OutOfTime => System.Diagnostics.Stopwatch.GetElapsedTime(_started) > Budget;

    /// <summary>Grouped documents of kinds that allow it leave out invalid lines instead of failing whole.</summary>
    public bool DropInvalidLines => Record.Policy == BatchPolicy.AcceptValidRows;
}

/// <summary>A phase of batch processing (validation, import), run one checkpointed slice at a time.</summary>
public interface IBatchPhase
{
    bool RunsWhile(string status);

    /// <summary>Processes one slice and returns the record as it should be stored (the caller stores it under its ETag).</summary>
    Task<BatchStep> RunSliceAsync(BatchJob job, CancellationToken cancellationToken);
}

/// <summary>What a slice did: the record to store, or (<see cref="Wait"/>) nothing yet — try again after that long.</summary>
public sealed record BatchStep(BatchRecord Record, TimeSpan? Wait = null)
{
    public static implicit operator BatchStep(BatchRecord record) => new(record);
}
