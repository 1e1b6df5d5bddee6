using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Dms.Console.Internal;

/// <summary>URLs of the console's lists with their filters, so every figure links to the documents behind it.</summary>
public static class Links
{
    public static string Documents(
        string? type = null, string? status = null, string? outcome = null, DateTimeOffset? from = null, DateTimeOffset? to = null,
        bool? awaiting = null, string? dealer = null, string? region = null, string? channel = null, string? error = null, bool oldestFirst = false, string? field = null) =>
        With("/console/documents", new Dictionary<string, string?>
        {
            ["type"] = type, ["status"] = status, ["outcome"] = outcome, ["dealer"] = dealer, ["region"] = region, ["channel"] = channel, ["error"] = error, ["field"] = field,
            ["from"] = from is { } f ? Format.Iso(f) : null, ["to"] = to is { } t ? Format.Iso(t) : null,
            ["awaiting"] = awaiting is { } a ? (a ? "true" : "false") : null, ["sort"] = oldestFirst ? "oldest" : null,
        });

    public static string Document(string trackingId) => "/console/documents/" + Uri.EscapeDataString(trackingId);

    public static string Vehicle(string vin) => "/console/vehicles/" + Uri.EscapeDataString(vin);

    public static string Dealer(string code) => "/console/dealers/" + Uri.EscapeDataString(code);

    public static string Failures(string? type = null, string? code = null, string? stage = null, string? destination = null, string? dealer = null) =>
        With("/console/failures", new Dictionary<string, string?> { ["type"] = type, ["code"] = code, ["stage"] = stage, ["destination"] = destination, ["dealer"] = dealer });

    public static string With(string path, IDictionary<string, string?> query) =>
        QueryHelpers.AddQueryString(path, query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => new KeyValuePair<string, string?>(q.Key, q.Value)));

    /// <summary>The current request's URL with some parameters replaced (null removes one).</summary>
    public static string Replace(HttpRequest request, params (string Key, string? Value)[] changes)
    {
        var query = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            query[key] = value;
        }

        return With(request.Path, query);
    }
}
