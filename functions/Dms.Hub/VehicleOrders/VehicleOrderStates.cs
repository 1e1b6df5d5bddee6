namespace Dms.Hub.VehicleOrders;

/// <summary>The canonical stages of a vehicle order (DOMAIN.md §2), whatever the OEM's own vocabulary.</summary>
public static class VehicleOrderStates
{
    public const string Submitted = "Submitted";
    public const string Acknowledged = "Acknowledged";
    public const string Accepted = "Accepted";
    public const string Rejected = "Rejected";
    public const string Scheduled = "Scheduled";
    public const string Locked = "Locked";
    public const string InProduction = "InProduction";
    public const string Produced = "Produced";
    public const string Invoiced = "Invoiced";
    public const string InTransit = "InTransit";
    public const string AtDealer = "AtDealer";
    public const string Retailed = "Retailed";
    public const string CancelRequested = "CancelRequested";
    public const string CancelRefused = "CancelRefused";
    public const string Cancelled = "Cancelled";

    /// <summary>The order's progress, in order: an OEM event never moves an order back along it.</summary>
    public static IReadOnlyList<string> Progression { get; } =
        [Submitted, Acknowledged, Accepted, Scheduled, Locked, InProduction, Produced, Invoiced, InTransit, AtDealer, Retailed];

    /// <summary>Position on <see cref="Progression"/>; -1 for the stages off it (rejected, cancel request, cancelled).</summary>
    public static int Rank(string stage)
    {
        for (var i = 0; i < Progression.Count; i++)
        {
            if (Progression[i] == stage)
            {
                return i;
            }
        }

        return -1;
    }
}
