using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Reporting;

/// <summary>
/// Fails start-up on a calendar that cannot work: unknown time zones or report kinds, no or two due rules, a daily
/// rule on a monthly report (or the reverse), a first period of the wrong shape, duplicate escalation steps.
/// </summary>
internal sealed class ReportingOptionsValidator(IServiceProvider services) : IValidateOptions<ReportingOptions>
{
    private static readonly string[] Audiences = [EscalationNotices.Dealer, EscalationNotices.DistrictManager, EscalationNotices.RegionManager, EscalationNotices.Hq];

    public ValidateOptionsResult Validate(string? name, ReportingOptions options)
    {
        var failures = new List<string>();
        foreach (var zone in options.RegionTimeZones.Values.Prepend(options.TimeZone))
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                failures.Add($"Time zone '{zone}' is unknown on this machine (use IANA IDs such as Asia/Shanghai; tzdata must be installed).");
            }
        }

        var kinds = services.GetRequiredService<DocumentTypeRegistry>().All.OfType<IPeriodicReportType>().ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var (kind, schedule) in options.Reports)
        {
            if (!kinds.TryGetValue(kind, out var type))
            {
                failures.Add($"Dms:Reporting:Reports:{kind}: no periodic report kind of that name (known: {string.Join(", ", kinds.Keys.Order(StringComparer.Ordinal))}).");
                continue;
            }

            failures.AddRange(Check(kind, type.Granularity, schedule));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> Check(string kind, PeriodGranularity granularity, ReportScheduleOptions schedule)
    {
        var prefix = $"Dms:Reporting:Reports:{kind}";
        var monthly = new[] { schedule.DueDay, schedule.DueBusinessDay }.Count(v => v is not null);
        var daily = new[] { schedule.DueDaysAfter, schedule.DueBusinessDaysAfter }.Count(v => v is not null);
        var (own, other) = granularity == PeriodGranularity.Month ? (monthly, daily) : (daily, monthly);
        if (own != 1 || other != 0)
        {
            yield return granularity == PeriodGranularity.Month
                ? $"{prefix}: a monthly report needs exactly one of DueDay or DueBusinessDay."
                : $"{prefix}: a daily report needs exactly one of DueDaysAfter or DueBusinessDaysAfter.";
        }

        if (schedule.FirstPeriod is { } first && (!ReportPeriod.TryParse(first, out var period) || period.Value.Granularity != granularity))
        {
            yield return $"{prefix}:FirstPeriod '{first}' is not a {(granularity == PeriodGranularity.Month ? "month (yyyy-MM)" : "day (yyyy-MM-dd)")}.";
        }

        foreach (var step in schedule.Escalation.GroupBy(s => s.Step, StringComparer.Ordinal).Where(g => g.Count() > 1 || g.Key.Length == 0))
        {
            yield return $"{prefix}:Escalation: step '{step.Key}' is empty or named twice.";
        }

        foreach (var step in schedule.Escalation)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(step.Step, "^[a-z][a-z0-9-]{0,40}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                yield return $"{prefix}:Escalation: step '{step.Step}' must be lower case letters, digits and dashes (it names an alert code).";
            }

            foreach (var audience in step.Notify.Except(Audiences, StringComparer.Ordinal))
            {
                yield return $"{prefix}:Escalation:{step.Step}: cannot notify '{audience}'; use {string.Join(", ", Audiences)}.";
            }
        }
    }
}
