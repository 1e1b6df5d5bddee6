using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.PeriodicReports.Rules;

/// <summary>The rules every periodic report kind shares: its period, zero reports, the control total, unique lines.</summary>
internal static class PeriodicReportChecks
{
    public static void Check(IPeriodicReport report, IPeriodicReportType type, RuleContext context, ICollection<ValidationError> errors)
    {
        if (!ReportPeriod.TryParse(report.Period, out var period) || period.Value.Granularity != type.Granularity)
        {
            var expected = type.Granularity == PeriodGranularity.Day ? "a day (yyyy-MM-dd)" : "a month (yyyy-MM)";
            errors.Add(new("/period", ReportErrorCodes.WrongPeriod, $"A {type.Title.ToLowerInvariant()} covers {expected}."));
        }
        else if (period.Value.Start > context.Today.AddDays(1))
        {
            // One day of slack: a dealer east of UTC is a day ahead of the hub's date for part of the day.
            errors.Add(new("/period", ReportErrorCodes.PeriodNotStarted, "The period has not started yet."));
        }

        if (report.ZeroReport == true && report.LineCount > 0)
        {
            errors.Add(new("/lines", ReportErrorCodes.ZeroReportWithLines, "A zero report has no lines."));
        }
        else if (report.ZeroReport != true && report.LineCount == 0)
        {
            errors.Add(new("/lines", ReportErrorCodes.EmptyReport, "No lines: send zeroReport: true to report that there is nothing this period."));
        }

        if (report.DeclaredLines is { } declared)
        {
            if (declared < report.LineCount)
            {
                errors.Add(new("/declaredLines", ReportErrorCodes.DeclaredLinesMismatch, $"declaredLines is {declared} but {report.LineCount} lines were sent."));
            }
            else if (declared > report.LineCount && !type.AllowsPartial)
            {
                errors.Add(new("/declaredLines", ReportErrorCodes.LinesMissing, $"declaredLines is {declared} but {report.LineCount} lines were sent; a {type.Title.ToLowerInvariant()} must be complete."));
            }
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var key in report.LineKeys())
        {
            if (!seen.Add(key))
            {
                errors.Add(new(JsonPointer.Append("/lines", index), ReportErrorCodes.DuplicateLine, "This line repeats an earlier one (same key)."));
            }

            index++;
        }
    }
}
