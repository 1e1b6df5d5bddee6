namespace Dms.Functions.Startup.History;

/// <summary>The clock a generated document's life is written with: set to each moment of its past in turn.</summary>
internal sealed class HistoryClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
