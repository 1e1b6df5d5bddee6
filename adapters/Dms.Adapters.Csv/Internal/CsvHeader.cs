namespace Dms.Adapters.Csv.Internal;

/// <summary>Header names as written by spreadsheets and DMS exports, matched to a layout's columns.</summary>
internal static class CsvHeader
{
    /// <summary>Case, surrounding spaces, spaces and hyphens inside do not matter: "Delivery Date" is delivery_date.</summary>
    public static string Normalize(string name) =>
        name.Trim().Trim('\uFEFF').ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    /// <summary>Whether the header fits the layout: no unknown, duplicate or missing columns. Null when it does.</summary>
    public static Hub.Batches.BatchFileProblem? Check(CsvLayout layout, IReadOnlyList<string> header)
    {
        var found = header.Select(Normalize).ToList();
        var expected = layout.AllColumns.Select(c => c.Name).ToList();
        var required = layout.AllColumns.Where(c => c.Required).Select(c => c.Name).ToList();
        var duplicates = found.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var unknown = found.Where(n => !expected.Contains(n)).ToList();
        var missing = required.Where(n => !found.Contains(n)).ToList();
        if (duplicates.Count > 0)
        {
            return Problem("DUPLICATE_COLUMNS", $"The header names {string.Join(", ", duplicates)} more than once.", expected, found);
        }

        if (unknown.Count > 0 || missing.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0)
            {
                parts.Add($"missing {string.Join(", ", missing)}");
            }

            if (unknown.Count > 0)
            {
                parts.Add($"unknown {string.Join(", ", unknown)}");
            }

            return Problem(missing.Count > 0 ? "MISSING_COLUMNS" : "UNKNOWN_COLUMNS",
                $"The header does not match the {layout.DocumentType} layout ({string.Join("; ", parts)}). Expected columns: {string.Join(", ", expected)} (required: {string.Join(", ", required)}).", expected, found);
        }

        return null;
    }

    private static Hub.Batches.BatchFileProblem Problem(string code, string message, IReadOnlyList<string> expected, IReadOnlyList<string> found) =>
        new(422, code, message, expected, found) { Row = 1 };
}
