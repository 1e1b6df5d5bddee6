using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Workflow;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// A pending amendment is the <c>change</c> overlay: the content version sent to the OEM and the content it replaced.
/// The OEM's ChangeAccepted releases it; ChangeRefused restores the earlier content as a new content version.
/// </summary>
internal static class OrderChanges
{
    public static bool IsPending(DocumentRecord order) => Overlays.IsActive(order, VehicleOrderEvents.ChangeOverlay);

    /// <summary>Marks the amendment that made <paramref name="order"/>'s current content version as waiting for the OEM.</summary>
    public static void Begin(DocumentRecord order, JsonObject previousBody, int previousVersion, DateTimeOffset now) =>
        Overlays.Set(order, VehicleOrderEvents.ChangeOverlay, "Amendment", null, now,
            new JsonObject { ["version"] = order.ContentVersion, ["previousVersion"] = previousVersion, ["previous"] = previousBody.DeepClone() });

    public static OemEventPlan PlanAnswer(DocumentRecord order, string type, JsonObject e, DateTimeOffset now)
    {
        if (!order.Overlays.TryGetValue(VehicleOrderEvents.ChangeOverlay, out var pending) || !pending.Active || pending.Details is null)
        {
            return OemEventPlan.RecordLate("DuplicateEvent");
        }

        var version = pending.Details["version"]!.GetValue<int>();
        if (e["changeVersion"]?.GetValue<int>() is { } answered && answered != version)
        {
            return OemEventPlan.RecordLate("LateEvent");
        }

        var outcome = OemAnswer.Of(type, e);
        outcome.Insert(0, "version", version);
        return OemEventPlan.Record(type, d =>
        {
            if (type == "ChangeRefused")
            {
                d.Body = pending.Details["previous"]!.DeepClone().AsObject();
                d.ContentVersion++;
                outcome["restoredFromVersion"] = pending.Details["previousVersion"]!.DeepClone();
                outcome["contentVersion"] = d.ContentVersion;
            }

            Overlays.Release(d, VehicleOrderEvents.ChangeOverlay, now);
            d.Oem["lastChange"] = outcome.DeepClone();
        }, notifyDealer: true);
    }
}
