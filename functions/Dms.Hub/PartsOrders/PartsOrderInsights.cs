using Dms.Hub.Insights;
using Dms.Hub.PartsOrders.Lines;
using Dms.Hub.Workflow;

namespace Dms.Hub.PartsOrders;

/// <summary>
/// What a parts order adds to the counters for the parts HQ page: the fill-rate ladder (units shipped the day they
/// were ordered, a day or two later, later, and still backordered — by order day, so backorder age is read from the
/// bucket), VOR acknowledgement time, VOR orders still unacknowledged, and open receipt discrepancies.
/// </summary>
internal sealed class PartsOrderInsights(PartsOrderType type) : IInsightContributor
{
    private static readonly (TimeSpan Bound, string Name)[] AckBuckets =
        [(TimeSpan.FromMinutes(15), "15m"), (TimeSpan.FromHours(1), "1h"), (TimeSpan.FromHours(2), "2h"), (TimeSpan.FromHours(4), "4h"), (TimeSpan.FromHours(8), "8h"), (TimeSpan.MaxValue, "more")];

    public string DocumentType => PartsOrderType.TypeName;

    public void Contribute(DocumentRecord document, ICollection<Contribution> contributions)
    {
        var state = type.State(document);
        var ordered = DateOnly.FromDateTime(document.SubmittedAt.UtcDateTime);
        contributions.Add(new Contribution("units", document.SubmittedAt, state.Lines.Sum(l => l.Ordered)));
        foreach (var line in state.Shipments.SelectMany(s => s.Lines.Where(l => !l.TagOn).Select(l => (s.ShipDate, l.Quantity))))
        {
            var days = line.ShipDate.DayNumber - ordered.DayNumber;
            contributions.Add(new Contribution("filled." + (days <= 0 ? "d0" : days == 1 ? "d1" : days == 2 ? "d2" : "later"), document.SubmittedAt, line.Quantity));
        }

        if (state.Totals.Backordered > 0)
        {
            contributions.Add(new Contribution("backordered", document.SubmittedAt, state.Totals.Backordered));
        }

        var vor = document.Body["orderType"]?.GetValue<string>() == PartsOrderTypes.Vor;
        if (vor && AcknowledgedAt(document) is { } acknowledged)
        {
            var took = acknowledged - document.SubmittedAt;
            contributions.Add(new Contribution("vorAcked", acknowledged));
            contributions.Add(new Contribution("vorAckSeconds", acknowledged, (long)Math.Max(0, took.TotalSeconds)));
            contributions.Add(new Contribution("vorAck." + AckBuckets.First(b => took <= b.Bound).Name, acknowledged));
        }
        else if (vor && document.Status == PartsOrderStates.Submitted)
        {
            contributions.Add(new Contribution("vorUnacked", null));
        }

        if (document.Fields.GetValueOrDefault("ackOverdue") == "true")
        {
            // The order's own due time (business calendar, VOR terms); its timer re-commits the order when it passes.
            contributions.Add(new Contribution("ackOverdue", null));
        }

        var open = state.Discrepancies.Where(d => d.Status == Discrepancy.Open).ToList();
        if (open.Count > 0)
        {
            contributions.Add(new Contribution("discrepancies", null, open.Count));
            contributions.Add(new Contribution("discrepancyUnits", null, open.Sum(d => d.Quantity)));
        }
    }

    /// <summary>
    /// When the hub recorded the depot's acknowledgement: the timeline entry that took the order out of Submitted (the
    /// time the hub itself stamped, as for every other type's figures), else the state's own record of it.
    /// </summary>
    private DateTimeOffset? AcknowledgedAt(DocumentRecord document) =>
        document.Timeline.FirstOrDefault(e => e.Channel == FactsBuilder.OemChannel && e.From == PartsOrderStates.Submitted && e.To is { } to
            && to != PartsOrderStates.Submitted && to != PartsOrderStates.Rejected && to != PartsOrderStates.Cancelled)?.At
        ?? type.State(document).AcknowledgedAt;
}
