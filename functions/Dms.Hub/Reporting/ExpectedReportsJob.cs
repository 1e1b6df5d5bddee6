using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Logging;

namespace Dms.Hub.Reporting;

/// <summary>
/// Creates the Expected slot of every dealer × report × period once the period has ended in the dealer's time zone.
/// Idempotent (existing slots are never touched) and self-healing: it resumes after the last period it completed
/// (the watermark), so periods missed while the hub was down are filled in — back to at most
/// <see cref="ReportScheduleOptions.BackfillPeriods"/> periods. New slots start their period's escalation chain
/// (<see cref="ReportEscalation"/>).
/// </summary>
public sealed partial class ExpectedReportsJob(
    IReportSlotStore store,
    IDealerStore dealers,
    ReportingCalendar calendar,
    DocumentTypeRegistry types,
    ReportEscalation escalation,
    DocumentCommitter committer,
    TimeProvider clock,
    ILogger<ExpectedReportsJob> logger) : IScheduledJob
{
    private static readonly TimeSpan ChainStartDelay = TimeSpan.FromSeconds(30);

    public string Name => "expected-reports";

    public async Task RunAsync(CancellationToken cancellationToken) =>
        await OfferAsync(await dealers.ListAsync(cancellationToken), fromWatermark: true, cancellationToken);

    /// <summary>
    /// Offers the slots <paramref name="onboarded"/> owe over the whole backfill window, whatever the watermark says,
    /// and leaves the watermark where it is. For dealers stored with an onboarding date in the past (the demo's): a
    /// run that listed the dealers before they were all stored has moved the watermark past the periods they owe, and
    /// the next run would resume after it. (A dealer registered through the API is onboarded now and owes no closed period.)
    /// </summary>
    public Task OfferAsync(IReadOnlyList<Dealer> onboarded, CancellationToken cancellationToken) => OfferAsync(onboarded, fromWatermark: false, cancellationToken);

    private async Task OfferAsync(IReadOnlyList<Dealer> all, bool fromWatermark, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var type in types.All.OfType<IPeriodicReportType>())
        {
            if (calendar.ScheduleOf(type.Name) is { } schedule)
            {
                var created = await RunAsync(type, schedule, all, now, fromWatermark, cancellationToken);
                if (created > 0)
                {
                    LogCreated(logger, created, type.Name);
                }
            }
        }
    }

    /// <summary>One kind; returns how many slots it offered (existing ones included).</summary>
    /// <param name="fromWatermark">Start after the watermark, and move it: the scheduled run over every dealer.</param>
    private async Task<int> RunAsync(IPeriodicReportType type, ReportScheduleOptions schedule, IReadOnlyList<Dealer> all, DateTimeOffset now, bool fromWatermark, CancellationToken cancellationToken)
    {
        var owing = all.Where(d => ReportingCalendar.Owes(schedule, type.Name, d)).Select(d => (Dealer: d, Zone: calendar.ZoneOf(d))).ToList();
        if (owing.Count == 0)
        {
            return 0;
        }

        var latest = owing.Select(o => ReportingCalendar.LatestClosed(type.Granularity, o.Zone, now)).MaxBy(p => p.Start);
        var start = latest.Minus(schedule.BackfillPeriods - 1);
        if (schedule.FirstPeriod is { } first && ReportPeriod.Parse(first) is var firstPeriod && firstPeriod.Start > start.Start)
        {
            start = firstPeriod;
        }

        if (fromWatermark && await store.GetWatermarkAsync(type.Name, cancellationToken) is { } mark && ReportPeriod.Parse(mark).Next() is var resume && resume.Start > start.Start)
        {
            start = resume;
        }

        var offered = 0;
        for (var period = start; period.Start <= latest.Start; period = period.Next())
        {
            var ended = owing.Where(o => ReportingCalendar.EndOf(period, o.Zone) <= now).ToList();
            var slots = ended.Where(o => o.Dealer.CreatedAt < ReportingCalendar.EndOf(period, o.Zone)).Select(o => new ReportSlot
            {
                Kind = type.Name, Period = period.ToString(), DealerCode = o.Dealer.Code,
                DueAt = calendar.DueAt(schedule, period, o.Zone), ExpectedAt = now,
            }).ToList();
            await StartEscalationAsync(type.Name, period.ToString(), slots, cancellationToken);
            await store.AddExpectedAsync(slots, cancellationToken);
            offered += slots.Count;
            if (ended.Count < owing.Count)
            {
                // Not over yet in some dealer's time zone: this period is offered again next run.
                break;
            }

            if (fromWatermark)
            {
                await store.SetWatermarkAsync(type.Name, period.ToString(), cancellationToken);
            }
        }

        return offered;
    }

    /// <summary>
    /// Starts the period's escalation chain for the slots about to be added, before they are: a crash in between
    /// leaves a chain that finds them next run (or nothing), never a slot nobody escalates. Slots that exist already
    /// have their chain, so a period offered again starts none.
    /// </summary>
    private async Task StartEscalationAsync(string kind, string period, List<ReportSlot> offered, CancellationToken cancellationToken)
    {
        if (offered.Count == 0 || escalation.LadderOf(kind).Count == 0)
        {
            return;
        }

        var existing = (await store.ListAsync(kind, period, cancellationToken)).Select(s => s.DealerCode).ToHashSet(StringComparer.Ordinal);
        var added = offered.Where(s => !existing.Contains(s.DealerCode)).ToList();
        if (added.Count == 0)
        {
            return;
        }

        // Not before the slots are in: work due now may run the moment it is committed (claimed at birth), and a
        // chain that looked before they were added would find nothing owed and end.
        var first = added.Min(s => s.DueAt!.Value + escalation.LadderOf(kind)[0].Offset);
        var notBefore = clock.GetUtcNow() + ChainStartDelay;
        var changes = new ChangeSet(ReportEscalation.Partition(kind));
        changes.NewWork.Add(escalation.Timer(kind, period, first > notBefore ? first : notBefore, null));
        if (await committer.CommitAsync(changes, cancellationToken) != CommitResult.Committed)
        {
            throw new DocumentBusyException("The escalation timer could not be stored; the calendar job runs again.");
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Offered {Count} expected {Kind} slot(s)")]
    private static partial void LogCreated(ILogger logger, int count, string kind);
}
