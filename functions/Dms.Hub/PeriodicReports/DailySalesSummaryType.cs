using Dms.Hub.Registry;

namespace Dms.Hub.PeriodicReports;

public sealed class DailySalesSummaryType(IEnumerable<IRule<DailySalesSummary>> rules) : PeriodicReportType<DailySalesSummary>(rules)
{
    public const string TypeName = "daily-sales-summary";

    public override string Name => TypeName;

    public override string RouteSegment => "daily-sales-summaries";

    public override string Title => "Daily sales summary";

    public override string SchemaName => "daily-sales-summary.v1";

    public override PeriodGranularity Granularity => PeriodGranularity.Day;

    /// <summary>A day's summary is small and must add up: a file with errors is rejected whole.</summary>
    public override bool AllowsPartial => false;
}
