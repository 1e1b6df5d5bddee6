using Dms.Hub.Dealers;
using Dms.Hub.PeriodicReports;
using Dms.Hub.Workflow;

namespace Dms.Hub.Reporting;

/// <summary>
/// Moves reporting slots as versions arrive: the newest version counts and supersedes the others; a file rejected
/// for errors marks the slot Rejected unless an accepted version still counts. Every change is a read-modify-write
/// under the slot's ETag, so concurrent versions and files never lose one another.
/// </summary>
public sealed class ReportSlots(IReportSlotStore store, ReportingCalendar calendar, DealerDirectory dealers, TimeProvider clock)
{
    private const int MaxHistory = 20;
    private const int MaxAttempts = 10;

    /// <summary>Applies a stored version to its slot; returns the versions (tracking IDs) now superseded, and by which version.</summary>
    public async Task<IReadOnlyList<(string TrackingId, int ByVersion)>> RecordVersionAsync(DocumentRecord document, IPeriodicReport report, CancellationToken cancellationToken)
    {
        var superseded = new List<(string, int)>();
        await UpdateAsync(document.DocumentType, report.Period, document.DealerCode, slot =>
        {
            superseded.Clear();
            return document.Status switch
            {
                PeriodicReportLifecycle.Accepted => Accept(slot, document, report, superseded),
                PeriodicReportLifecycle.Rejected when slot.TrackingId == document.TrackingId && slot.Status != ReportSlotStatus.Rejected =>
                    With(slot, ReportSlotStatus.Rejected, "RejectedByOem", report.Version, document.TrackingId, null),
                _ => null,
            };
        }, cancellationToken);
        return superseded;
    }

    /// <summary>A file carrying a version arrived (Received) or failed validation (Rejected, with its error count).</summary>
    public Task RecordFileAsync(string kind, string period, int version, string dealerCode, string batchId, bool rejected, int errors, CancellationToken cancellationToken) =>
        UpdateAsync(kind, period, dealerCode, slot =>
        {
            if (slot.Version is { } counting && counting >= version)
            {
                return null;
            }

            var now = clock.GetUtcNow();
            slot = slot with { FirstReceivedAt = slot.FirstReceivedAt ?? now };
            if (rejected)
            {
                // An accepted earlier version still counts; the slot only notes the failed file.
                return With(slot, slot.IsSettled ? slot.Status : ReportSlotStatus.Rejected, "FileRejected", version, batchId, $"{errors} error(s)") with
                {
                    BatchId = slot.IsSettled ? slot.BatchId : batchId,
                };
            }

            return slot.Status is ReportSlotStatus.Expected or ReportSlotStatus.Rejected && !slot.History.Any(h => h.Event == "FileReceived" && h.Reference == batchId)
                ? With(slot, ReportSlotStatus.Received, "FileReceived", version, batchId, null) with { BatchId = batchId }
                : null;
        }, cancellationToken);

    public async Task<ReportSlot> GetOrNewAsync(string kind, string period, string dealerCode, CancellationToken cancellationToken) =>
        await store.GetAsync(kind, period, dealerCode, cancellationToken) ?? await NewAsync(kind, period, dealerCode, cancellationToken);

    private ReportSlot? Accept(ReportSlot slot, DocumentRecord document, IPeriodicReport report, List<(string, int)> superseded)
    {
        var acceptedAt = document.SubmittedAt;
        var first = slot.FirstAcceptedAt is { } earlier && earlier <= acceptedAt ? earlier : acceptedAt;
        if (slot.Version is { } current && report.Version < current)
        {
            // A late older version: it was accepted when it arrived (lateness counts it), but the newer one counts.
            superseded.Add((document.TrackingId, current));
            return first == slot.FirstAcceptedAt ? null : slot with { FirstAcceptedAt = first };
        }

        if (slot.TrackingId == document.TrackingId && slot.FirstAcceptedAt == first)
        {
            return null;
        }

        if (slot.TrackingId is { } previous && previous != document.TrackingId)
        {
            superseded.Add((previous, report.Version));
        }

        var partial = report.DeclaredLines is { } declared && declared > report.LineCount;
        var received = With(slot, ReportSlotStatus.Received, "Received", report.Version, document.TrackingId, null);
        return With(received, partial ? ReportSlotStatus.PartiallyAccepted : ReportSlotStatus.Accepted, partial ? "PartiallyAccepted" : "Accepted", report.Version, document.TrackingId,
            partial ? $"{report.DeclaredLines - report.LineCount} line(s) left out for errors" : report.ZeroReport == true ? "zero report" : null) with
        {
            Version = report.Version, TrackingId = document.TrackingId, Zero = report.ZeroReport == true, Lines = report.LineCount,
            DeclaredLines = report.DeclaredLines, FirstAcceptedAt = first, FirstReceivedAt = slot.FirstReceivedAt is { } r && r <= acceptedAt ? r : acceptedAt,
        };
    }

    private ReportSlot With(ReportSlot slot, string status, string evt, int? version, string? reference, string? detail)
    {
        var history = slot.History.Append(new ReportSlotEvent(clock.GetUtcNow(), evt, version, reference, detail)).TakeLast(MaxHistory).ToList();
        return slot with { Status = status, History = history };
    }

    private async Task UpdateAsync(string kind, string period, string dealerCode, Func<ReportSlot, ReportSlot?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var slot = await GetOrNewAsync(kind, period, dealerCode, cancellationToken);
            if (change(slot) is not { } next)
            {
                return;
            }

            if (await store.TryWriteAsync(next with { UpdatedAt = clock.GetUtcNow() }, cancellationToken))
            {
                return;
            }
        }

        throw new DocumentBusyException($"The {kind} slot {period} of {dealerCode} kept changing; try again.");
    }

    /// <summary>A slot for a version nobody created a slot for yet (before the job ran, or not scheduled): due as the calendar says.</summary>
    private async Task<ReportSlot> NewAsync(string kind, string period, string dealerCode, CancellationToken cancellationToken)
    {
        var schedule = calendar.ScheduleOf(kind);
        var dealer = await dealers.GetDealerAsync(dealerCode, cancellationToken);
        DateTimeOffset? due = schedule is not null && dealer is not null && ReportingCalendar.Owes(schedule, kind, dealer) && ReportPeriod.TryParse(period, out var parsed)
            ? calendar.DueAt(schedule, parsed.Value, calendar.ZoneOf(dealer))
            : null;
        return new ReportSlot { Kind = kind, Period = period, DealerCode = dealerCode, DueAt = due };
    }
}
