using System.Text.Json.Nodes;

namespace Dms.Hub.Batches;

/// <summary>The period and version of a periodic report read from a file, as far as they could be read.</summary>
internal static class BatchReports
{
    public static (string Period, int Version)? VersionOf(JsonObject body) =>
        body["period"] is JsonValue period && period.TryGetValue<string>(out var text)
        && body["version"] is JsonValue version && version.TryGetValue<long>(out var number) && number is > 0 and < 1000
        && PeriodicReports.ReportPeriod.TryParse(text, out _)
            ? (text, (int)number)
            : null;
}
