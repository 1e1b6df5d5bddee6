using System.Text.Json.Nodes;

namespace Dms.Hub.PeriodicReports;

/// <summary>What the reporting calendar, slots and batches need to know of a periodic report kind.</summary>
public interface IPeriodicReportType
{
    string Name { get; }

    string Title { get; }

    PeriodGranularity Granularity { get; }

    /// <summary>Whether a version may leave out lines that had errors (PartiallyAccepted) instead of being rejected whole.</summary>
    bool AllowsPartial { get; }

    IPeriodicReport Read(JsonObject body);
}
