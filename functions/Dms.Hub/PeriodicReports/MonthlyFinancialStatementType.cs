using Dms.Hub.Registry;

namespace Dms.Hub.PeriodicReports;

public sealed class MonthlyFinancialStatementType(IEnumerable<IRule<MonthlyFinancialStatement>> rules) : PeriodicReportType<MonthlyFinancialStatement>(rules)
{
    public const string TypeName = "monthly-financial-statement";

    public override string Name => TypeName;

    public override string RouteSegment => "monthly-financial-statements";

    public override string Title => "Monthly financial statement";

    public override string SchemaName => "monthly-financial-statement.v1";

    public override PeriodGranularity Granularity => PeriodGranularity.Month;

    /// <summary>Accounts must balance: a statement with a bad line is rejected whole.</summary>
    public override bool AllowsPartial => false;
}
