using Dms.Hub.Insights;
using Dms.Hub.Workflow;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// What an order adds to the counters for the vehicle-order HQ page (its stage is counted for every type): an active
/// hold by reason class, and how far its ETA slipped past the first promise.
/// </summary>
internal sealed class VehicleOrderInsights : IInsightContributor
{
    private static readonly (int Bound, string Name)[] SlipBuckets = [(0, "none"), (3, "1-3d"), (7, "4-7d"), (14, "8-14d"), (int.MaxValue, "more")];

    public string DocumentType => VehicleOrderType.TypeName;

    public void Contribute(DocumentRecord document, ICollection<Contribution> contributions)
    {
        if (document.Overlays.TryGetValue(VehicleOrderEvents.HoldOverlay, out var hold) && hold.Active)
        {
            contributions.Add(new Contribution("hold." + (hold.ReasonClass ?? "Other"), null));
        }

        if (OrderEta.SlipDays(document) is { } slip)
        {
            contributions.Add(new Contribution("eta", null));
            contributions.Add(new Contribution("slipDays", null, Math.Max(0, slip)));
            contributions.Add(new Contribution("slip." + SlipBuckets.First(b => slip <= b.Bound).Name, null));
        }
    }
}
