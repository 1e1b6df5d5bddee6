using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Workflow;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// An order's ETA window (<c>oem.eta</c>: earliest, latest, source, setAt) and the first one promised
/// (<c>oem.firstEta</c>), so slip can be read. An estimate made before the one held (by setAt) is stale: recorded,
/// never applied.
/// </summary>
internal static class OrderEta
{
    public enum Verdict
    {
        Newer,
        Same,
        Stale,
    }

    public static Verdict Judge(DocumentRecord order, JsonObject eta)
    {
        if (order.Oem["eta"] is not JsonObject held)
        {
            return Verdict.Newer;
        }

        var (incoming, current) = (SetAt(eta), SetAt(held));
        return incoming < current ? Verdict.Stale
            : incoming == current && Text(eta, "earliest") == Text(held, "earliest") && Text(eta, "latest") == Text(held, "latest") ? Verdict.Same
            : Verdict.Newer;
    }

    public static void Apply(DocumentRecord order, JsonObject eta, DateTimeOffset receivedAt)
    {
        var copy = eta.DeepClone().AsObject();
        copy["receivedAt"] = receivedAt;
        order.Oem["eta"] = copy;
        if (order.Oem["firstEta"] is null)
        {
            order.Oem["firstEta"] = copy.DeepClone();
        }

        order.Oem["etaSlipDays"] = SlipDays(order);
    }

    /// <summary>Days the latest arrival moved past the first promise (negative when earlier); null without an ETA.</summary>
    public static int? SlipDays(DocumentRecord order) =>
        Latest(order.Oem["eta"]) is { } now && Latest(order.Oem["firstEta"]) is { } first ? now.DayNumber - first.DayNumber : null;

    public static DateOnly? Latest(JsonNode? eta) =>
        eta?["latest"] is JsonValue value && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static DateTimeOffset? ReceivedAt(JsonNode? eta) =>
        eta?["receivedAt"] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at) ? at
        : eta?["receivedAt"] is JsonValue text && DateTimeOffset.TryParse(text.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed
        : null;

    private static DateTimeOffset SetAt(JsonObject eta) =>
        DateTimeOffset.Parse(eta["setAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static string? Text(JsonObject eta, string name) => eta[name]?.GetValue<string>();
}
