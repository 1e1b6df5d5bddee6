using Dms.Hub.Insights;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Dms.Console.Internal;

/// <summary>The failures filter as it travels in query strings and forms (the replay preview and the job keep it).</summary>
public static class FailureQuery
{
    public static readonly string[] Names = ["code", "stage", "destination", "type", "dealer", "from", "to"];

    public static FailureFilter Read(Func<string, StringValues> get, bool archived = false)
    {
        string? Text(string name) => get(name).ToString() is { Length: > 0 and <= 200 } value ? value.Trim() : null;
        return new FailureFilter(Text("code")?.ToUpperInvariant(), Text("stage"), Text("destination"), Text("type"), Text("dealer")?.ToUpperInvariant(),
            DocumentQuery.Time(Text("from")), DocumentQuery.Time(Text("to")), archived);
    }

    public static FailureFilter Read(IQueryCollection query) => Read(n => query[n], query["archived"] == "true");

    /// <summary>The filter in words (a replay job's selection).</summary>
    public static string Describe(FailureFilter filter)
    {
        var parts = new List<string>();
        void Add(string label, object? value)
        {
            if (value is not null)
            {
                parts.Add($"{label} {value}");
            }
        }

        Add("error", filter.Code);
        Add("stage", filter.Stage);
        Add("destination", filter.Destination);
        Add("type", filter.DocumentType);
        Add("dealer", filter.DealerCode);
        Add("from", filter.From is { } f ? Format.Time(f) : null);
        Add("to", filter.To is { } t ? Format.Time(t) : null);
        return parts.Count == 0 ? "all open dead letters" : "open dead letters with " + string.Join(", ", parts);
    }

    public static IEnumerable<KeyValuePair<string, string?>> Pairs(FailureFilter filter) =>
    [
        new("code", filter.Code), new("stage", filter.Stage), new("destination", filter.Destination), new("type", filter.DocumentType), new("dealer", filter.DealerCode),
        new("from", filter.From is { } f ? Format.Iso(f) : null), new("to", filter.To is { } t ? Format.Iso(t) : null),
    ];
}
