namespace Dms.Hub.PeriodicReports;

/// <summary>Stable error codes of periodic reports (beside <see cref="Validation.ErrorCodes"/>).</summary>
public static class ReportErrorCodes
{
    public const string WrongPeriod = "WRONG_PERIOD";
    public const string PeriodNotStarted = "PERIOD_NOT_STARTED";
    public const string ZeroReportWithLines = "ZERO_REPORT_WITH_LINES";
    public const string EmptyReport = "EMPTY_REPORT";
    public const string DeclaredLinesMismatch = "DECLARED_LINES_MISMATCH";
    public const string LinesMissing = "LINES_MISSING";
    public const string DuplicateLine = "DUPLICATE_LINE";
    public const string VersionAlreadySubmitted = "VERSION_ALREADY_SUBMITTED";
}
