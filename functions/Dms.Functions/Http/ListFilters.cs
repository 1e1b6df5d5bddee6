using System.Globalization;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Functions.Http;

/// <summary>
/// List query parameters generated from a document type's summary fields: <c>?{field}=</c> for text and flags,
/// <c>?{field}Before=</c> / <c>?{field}After=</c> for dates. They become server-side filters on the stored rows.
/// </summary>
internal static class ListFilters
{
    private const int MaxValueLength = 100;

    /// <summary>The filters the query asks for, or the parameter that is wrong and why.</summary>
    public static bool TryRead(DocumentType type, IQueryCollection query, out List<FieldFilter> filters, out (string Parameter, string Message) problem)
    {
        filters = [];
        problem = default;
        foreach (var field in type.SummaryFields)
        {
            var ok = field.Kind switch
            {
                SummaryFieldKind.Date => TryDate(query, field, "Before", FieldComparison.LessThan, filters, ref problem)
                    && TryDate(query, field, "After", FieldComparison.GreaterOrEqual, filters, ref problem),
                _ => TryValue(query, field, filters, ref problem),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The parameters a type's list accepts, for documentation.</summary>
    public static IEnumerable<string> Parameters(DocumentType type) =>
        type.SummaryFields.SelectMany(f => f.Kind == SummaryFieldKind.Date ? new[] { f.Name + "Before", f.Name + "After" } : [f.Name]);

    private static bool TryValue(IQueryCollection query, SummaryField field, List<FieldFilter> filters, ref (string, string) problem)
    {
        if (query[field.Name].ToString() is not { Length: > 0 } value)
        {
            return true;
        }

        var allowed = field.Kind == SummaryFieldKind.Flag ? ["true", "false"] : field.Values;
        if (value.Length > MaxValueLength || (allowed is not null && !allowed.Contains(value, StringComparer.Ordinal)))
        {
            problem = (field.Name, allowed is null ? $"{field.Name} is too long." : $"{field.Name} must be one of {string.Join(", ", allowed)}.");
            return false;
        }

        filters.Add(new FieldFilter(field.Name, FieldComparison.Equal, value));
        return true;
    }

    private static bool TryDate(IQueryCollection query, SummaryField field, string suffix, FieldComparison comparison, List<FieldFilter> filters, ref (string, string) problem)
    {
        var name = field.Name + suffix;
        if (query[name].ToString() is not { Length: > 0 } value)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            problem = (name, $"{name} must be a date (YYYY-MM-DD).");
            return false;
        }

        filters.Add(new FieldFilter(field.Name, comparison, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        return true;
    }
}
