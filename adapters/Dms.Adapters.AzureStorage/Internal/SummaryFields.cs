using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// A document's summary fields on its row: one column <c>F_{name}</c> per field, which list queries filter on
/// server-side, plus all of them as one JSON column (<c>Fields</c>) that list projections read back.
/// </summary>
internal static partial class SummaryFields
{
    private const string Prefix = "F_";

    public static void Write(TableEntity entity, IReadOnlyDictionary<string, string> fields)
    {
        foreach (var (name, value) in fields)
        {
            entity[Column(name)] = value;
        }

        entity["Fields"] = fields.Count == 0 ? null : JsonSerializer.Serialize(fields);
    }

    public static Dictionary<string, string> Read(TableEntity entity) =>
        entity.GetString("Fields") is { Length: > 0 } json
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new(StringComparer.Ordinal)
            : new(StringComparer.Ordinal);

    /// <summary>The filter clause for one condition; the value is escaped by the SDK, the name is checked here.</summary>
    public static string Filter(FieldFilter filter)
    {
        var comparison = filter.Comparison switch
        {
            FieldComparison.Equal => "eq",
            FieldComparison.LessThan => "lt",
            FieldComparison.GreaterOrEqual => "ge",
            _ => throw new ArgumentOutOfRangeException(nameof(filter), filter.Comparison, null),
        };
        return $"{Column(filter.Field)} {comparison} {TableClient.CreateQueryFilter($"{filter.Value}")}";
    }

    private static string Column(string name) =>
        FieldName().IsMatch(name) ? Prefix + name : throw new ArgumentException($"'{name}' is not a summary field name.", nameof(name));

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,40}$")]
    private static partial Regex FieldName();
}
