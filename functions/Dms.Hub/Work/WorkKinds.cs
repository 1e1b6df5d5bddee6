namespace Dms.Hub.Work;

public static class WorkKinds
{
    public const string Route = "route";
    public const string Deliver = "deliver";
    public const string Notify = "notify";

    /// <summary>
    /// A cross-document effect: a trigger fired on another document about the same vehicle (a reaction), or a named
    /// <see cref="Effects.IDocumentEffect"/> (sales rollups, reporting slots). One handler runs both.
    /// </summary>
    public const string Effect = "effect";

    /// <summary>A durable timer: re-evaluate one alert rule on one document when it comes due.</summary>
    public const string Timer = "timer";

    /// <summary>One slice of a batch file: validation or import, checkpointed.</summary>
    public const string Batch = "batch";

    /// <summary>Work of a batch file's rows recorded in one row instead of one each (<see cref="WorkJournal"/>).</summary>
    public const string Journal = "journal";
}
