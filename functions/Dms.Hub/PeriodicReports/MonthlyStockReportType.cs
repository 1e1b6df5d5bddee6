using Dms.Hub.Registry;

namespace Dms.Hub.PeriodicReports;

public sealed class MonthlyStockReportType(IEnumerable<IRule<MonthlyStockReport>> rules) : PeriodicReportType<MonthlyStockReport>(rules)
{
    public const string TypeName = "monthly-stock-report";

    public override string Name => TypeName;

    public override string RouteSegment => "monthly-stock-reports";

    public override string Title => "Monthly stock report";

    public override string SchemaName => "monthly-stock-report.v1";

    public override PeriodGranularity Granularity => PeriodGranularity.Month;

    /// <summary>A stock list is useful without its bad rows: those are left out and the version is PartiallyAccepted.</summary>
    public override bool AllowsPartial => true;
}
