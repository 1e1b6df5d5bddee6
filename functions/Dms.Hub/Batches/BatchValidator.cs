using System.Globalization;
using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Validation;

namespace Dms.Hub.Batches;

/// <summary>
/// The dry run of one document read from a file: what the format found reading the rows, duplicates within the file,
/// the target's schema and its business rules — every error placed on its row and column. Reservations
/// (a VIN retailed elsewhere) are checked at import, by the intake itself.
/// </summary>
public sealed class BatchValidator(SchemaCatalog schemas)
{
    public const string DuplicateInFile = "DUPLICATE_IN_FILE";

    public async Task<BatchVerdict> ValidateAsync(BatchDocument item, IBatchTarget target, Dealer dealer, ISet<string> seenKeys, bool dropInvalidLines, CancellationToken cancellationToken)
    {
        var errors = item.Errors.ToList();
        if (item.Key is { } key && !seenKeys.Add(key))
        {
            var cell = item.Locate(item.KeyPath ?? string.Empty);
            errors.Add(new BatchRowError(cell.Row, cell.Line, cell.Column, cell.Value, DuplicateInFile, "An earlier row of this file has the same document number."));
        }

        var body = item.Body;
        var found = await CheckAsync(item, body, target, dealer, errors, cancellationToken);
        if (found.Count == 0 || !dropInvalidLines || item.LineRows is not { } lineRows || body["lines"] is not JsonArray)
        {
            return new BatchVerdict(found.Count == 0 ? body : null, found, InvalidRows(found), 0);
        }

        // Kinds that allow partial reports: leave out the lines with errors, if the rest of the document is sound.
        var badLines = found.Select(item.LineOf).ToHashSet();
        if (badLines.Contains(-1) || badLines.Count == lineRows.Count)
        {
            return new BatchVerdict(null, found, InvalidRows(found), 0);
        }

        var kept = (JsonObject)body.DeepClone();
        var lines = kept["lines"]!.AsArray();
        foreach (var index in badLines.OrderDescending())
        {
            lines.RemoveAt(index);
        }

        var keptRows = lineRows.Where((_, i) => !badLines.Contains(i)).ToList();
        var recheck = await CheckAsync(item with { Errors = [], Locate = path => Relocate(item, keptRows, path) }, kept, target, dealer, [], cancellationToken);
        return recheck.Count == 0
            ? new BatchVerdict(kept, found, InvalidRows(found), badLines.Count)
            : new BatchVerdict(null, [.. found, .. recheck], InvalidRows([.. found, .. recheck]), 0);
    }

    private async Task<List<BatchRowError>> CheckAsync(BatchDocument item, JsonObject body, IBatchTarget target, Dealer dealer, List<BatchRowError> errors, CancellationToken cancellationToken)
    {
        if (errors.Any(e => e.Column.Length == 0))
        {
            // The row as a whole could not be read (field count, quoting): its cells say nothing reliable.
            return errors;
        }

        // A cell that could not be read is reported once: not again as the missing property it left behind.
        var reported = errors.Select(e => (e.Row, e.Column)).ToHashSet();
        var schemaErrors = SchemaValidator.Validate(schemas.Get(target.SchemaName), body.ToJsonString());
        var ruleErrors = schemaErrors.Count == 0 && errors.Count == 0 ? await target.CheckAsync(body, dealer, cancellationToken) : [];

        foreach (var error in schemaErrors.Concat(ruleErrors))
        {
            var cell = item.Locate(error.Path);
            if (reported.Add((cell.Row, cell.Column)) || error.Code != ErrorCodes.Required)
            {
                errors.Add(new BatchRowError(cell.Row, cell.Line, cell.Column, cell.Value, error.Code, error.Message));
            }
        }

        return errors;
    }

    private static BatchCellRef Relocate(BatchDocument item, List<int> keptRows, string path)
    {
        // After lines were left out, /lines/{i} is the i-th kept line: translate back to the original index.
        var parts = path.Split('/');
        if (parts.Length > 2 && parts[1] == "lines" && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < keptRows.Count
            && item.LineRows!.ToList().IndexOf(keptRows[index]) is var original and >= 0)
        {
            parts[2] = original.ToString(CultureInfo.InvariantCulture);
            return item.Locate(string.Join('/', parts));
        }

        return item.Locate(path);
    }

    private static int InvalidRows(IEnumerable<BatchRowError> errors) => errors.Select(e => e.Row).Distinct().Count();
}

/// <summary>The dry run's verdict: the body to import (null when the document is invalid), its errors, invalid rows, lines left out.</summary>
public sealed record BatchVerdict(JsonObject? Body, IReadOnlyList<BatchRowError> Errors, int InvalidRows, int LinesLeftOut);
