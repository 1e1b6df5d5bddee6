using System.Text.Json.Nodes;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// The OEM's answer to a dealer's request (a cancellation, an amendment) as an order keeps it: the outcome, and the
/// reason codes and notes when the event gives them — absent rather than null, as vehicle-order-state.v1 describes.
/// </summary>
internal static class OemAnswer
{
    public static JsonObject Of(string outcome, JsonObject oemEvent)
    {
        var answer = new JsonObject { ["outcome"] = outcome };
        foreach (var field in new[] { "reasonCodes", "notes" })
        {
            if (oemEvent[field] is { } value)
            {
                answer[field] = value.DeepClone();
            }
        }

        return answer;
    }
}
