using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Reporting;

namespace Dms.Functions.Http;

/// <summary>Reporting slots as JSON cells and CSV lines (dealer text neutralised).</summary>
internal static class ReportStandingViews
{
    public static readonly string[] CsvHeader =
        ["dealer", "region", "district", "report", "period", "status", "late", "days_late", "version", "due_at", "first_accepted_at", "escalation_step", "tracking_id", "batch_id"];

    public static JsonObject Cell(ReportStanding s) => new()
    {
        ["status"] = s.Slot.Status,
        ["display"] = s.Display,
        ["late"] = s.Late,
        ["acceptedLate"] = s.AcceptedLate,
        ["daysLate"] = s.DaysLate,
        ["zero"] = s.Slot.Zero,
        ["version"] = s.Slot.Version,
        ["dueAt"] = s.Slot.DueAt,
        ["firstReceivedAt"] = s.Slot.FirstReceivedAt,
        ["firstAcceptedAt"] = s.Slot.FirstAcceptedAt,
        ["lines"] = s.Slot.Lines,
        ["declaredLines"] = s.Slot.DeclaredLines,
        ["trackingId"] = s.Slot.TrackingId,
        ["batchId"] = s.Slot.BatchId,
        ["escalation"] = s.Escalation is { } e
            ? new JsonObject
            {
                ["step"] = e.Step, ["alertId"] = e.Step is { } step ? ReportEscalation.AlertId(s.Slot, step) : null, ["since"] = e.Since, ["notify"] = new JsonArray(e.Notify.Select(n => (JsonNode)JsonValue.Create(n)).ToArray()),
                ["nextStep"] = e.NextStep, ["nextAt"] = e.NextAt,
            }
            : null,
        ["history"] = new JsonArray(s.Slot.History.Select(h => (JsonNode)new JsonObject
        {
            ["at"] = h.At, ["event"] = h.Event, ["version"] = h.Version, ["reference"] = h.Reference, ["detail"] = h.Detail,
        }).ToArray()),
    };

    public static JsonObject Late(ReportStanding s, Dealer? dealer) => new()
    {
        ["dealer"] = s.Slot.DealerCode,
        ["name"] = dealer?.Name,
        ["region"] = dealer?.Region,
        ["district"] = dealer?.District,
        ["report"] = s.Slot.Kind,
        ["period"] = s.Slot.Period,
        ["status"] = s.Slot.Status,
        ["dueAt"] = s.Slot.DueAt,
        ["daysLate"] = s.DaysLate,
        ["escalationStep"] = s.Escalation?.Step,
        ["alertId"] = s.Escalation?.Step is { } step ? ReportEscalation.AlertId(s.Slot, step) : null,
    };

    public static string CsvLine(ReportStanding s, Dealer? dealer) => CsvText.Row(
    [
        CsvText.Text(s.Slot.DealerCode), CsvText.Text(dealer?.Region), CsvText.Text(dealer?.District), CsvText.Text(s.Slot.Kind), CsvText.Text(s.Slot.Period),
        CsvText.Text(s.Display), s.Late ? "true" : "false", CsvText.Number(s.DaysLate), s.Slot.Version is { } v ? CsvText.Number(v) : string.Empty,
        Time(s.Slot.DueAt), Time(s.Slot.FirstAcceptedAt), CsvText.Text(s.Escalation?.Step), CsvText.Text(s.Slot.TrackingId), CsvText.Text(s.Slot.BatchId),
    ]);

    private static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}
