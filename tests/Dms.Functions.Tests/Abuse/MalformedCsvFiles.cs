using System.Globalization;
using System.Text;

namespace Dms.Functions.Tests.Abuse;

/// <summary>One generated upload: the document type, the bytes, the content type, and the mutation that made it.</summary>
public sealed record MalformedCsvFile(string DocumentType, byte[] Content, string ContentType, string Mutation)
{
    public override string ToString() => $"{Mutation} ({DocumentType}, {Content.Length} bytes)";
}

/// <summary>
/// Generates broken and careless CSV files from valid ones, deterministically: truncations, stray bytes, wrong
/// encodings, broken quoting, wrong separators, bad headers, ragged rows, unreadable cells, huge records, formula
/// cells, duplicates, wrong content types.
/// </summary>
public sealed class MalformedCsvFiles(Random random)
{
    private static readonly string[] Mutations =
    [
        "truncated", "random bytes", "high byte", "drop header column", "unknown header column", "duplicate header column", "no header",
        "empty", "header only", "blank lines only", "unterminated quote", "text after quote", "semicolons in one row", "too few fields",
        "too many fields", "not a number", "overflow", "negative", "bad date", "empty required cell", "formula cells", "huge field",
        "many rows", "duplicate numbers", "utf-16", "latin-1", "nul byte", "bom twice", "cr line endings", "mixed line endings",
        "tabs", "pipes", "json", "gzip", "control characters", "shuffled columns", "upper-case header", "quoted line breaks in key",
        "inconsistent report rows", "zero report with lines", "wrong period", "version zero", "scattered report rows", "emoji",
    ];

    private static readonly string[] StockHeader = ["period", "version", "zero_report", "parts_stock_value", "parts_stock_currency", "vin", "model_code", "days_in_stock", "status"];

    public IEnumerable<MalformedCsvFile> Generate(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var mutation = Mutations[i % Mutations.Length];
            yield return Mutate(mutation, random.Next(3) switch { 0 => Stock(), 1 => Rdr(), _ => Rdr() });
        }
    }

    private static List<string[]> Rdr()
    {
        var rows = new List<string[]> { TestCsv.RdrHeader.Split(',') };
        rows.AddRange(Enumerable.Range(0, 3).Select(_ => TestCsv.RdrRow().Split(',')));
        return rows;
    }

    private static List<string[]> Stock()
    {
        var month = TestDocuments.Today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var rows = new List<string[]> { StockHeader };
        rows.AddRange(Enumerable.Range(0, 3).Select(i => new[] { month, "1", "", "1000", "CNY", TestDocuments.NewVin(), "AUR-SUV", (5 + i).ToString(CultureInfo.InvariantCulture), "InStock" }));
        return rows;
    }

    private MalformedCsvFile Mutate(string mutation, List<string[]> rows)
    {
        var type = rows[0][0] == "period" ? "monthly-stock-report" : "retail-delivery-report";
        var row = 1 + random.Next(rows.Count - 1);
        var cell = random.Next(rows[row].Length);
        string Text(List<string[]> r, string separator = ",", string newLine = "\r\n") => string.Join(newLine, r.Select(x => string.Join(separator, x))) + newLine;
        byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
        var valid = Bytes(Text(rows));
        MalformedCsvFile File(byte[] content, string contentType = "text/csv") => new(type, content, contentType, mutation);
        switch (mutation)
        {
            case "truncated":
                return File(valid[..random.Next(1, valid.Length)]);
            case "random bytes":
                var noisy = valid.ToList();
                noisy.InsertRange(random.Next(noisy.Count), Enumerable.Range(0, 1 + random.Next(20)).Select(_ => (byte)random.Next(256)));
                return File([.. noisy]);
            case "high byte":
                var high = (byte[])valid.Clone();
                high[random.Next(high.Length)] = (byte)(0x80 + random.Next(0x80));
                return File(high);
            case "drop header column":
                rows[0] = rows[0].Where((_, i) => i != cell).ToArray();
                break;
            case "unknown header column":
                rows[0] = [.. rows[0], "favourite_colour"];
                break;
            case "duplicate header column":
                rows[0] = [.. rows[0], rows[0][cell]];
                break;
            case "no header":
                rows.RemoveAt(0);
                break;
            case "empty":
                return File([]);
            case "header only":
                return File(Bytes(Text(rows.Take(1).ToList()) + "\r\n\r\n"));
            case "blank lines only":
                return File(Bytes("\r\n\r\n \r\n"));
            case "unterminated quote":
                rows[row][cell] = "\"" + rows[row][cell];
                break;
            case "text after quote":
                rows[row][cell] = "\"" + rows[row][cell] + "\"trailing";
                break;
            case "semicolons in one row":
                return File(Bytes(Text(rows.Take(row).ToList()) + string.Join(';', rows[row]) + "\r\n" + Text(rows.Skip(row + 1).ToList())));
            case "too few fields":
                rows[row] = rows[row][..Math.Max(1, cell)];
                break;
            case "too many fields":
                rows[row] = [.. rows[row], "extra", "more"];
                break;
            case "not a number":
                SetNumeric(rows, row, "twelve");
                break;
            case "overflow":
                SetNumeric(rows, row, "99999999999999999999999999");
                break;
            case "negative":
                SetNumeric(rows, row, "-5");
                break;
            case "bad date":
                rows[row][Array.FindIndex(rows[0], h => h.Contains("date", StringComparison.Ordinal) || h == "period")] = random.Next(2) == 0 ? "2026/13/45" : "31-12-2026";
                break;
            case "empty required cell":
                rows[row][cell] = string.Empty;
                break;
            case "formula cells":
                rows[row][cell] = "=HYPERLINK(\"http://evil.example\",\"x\")";
                break;
            case "huge field":
                rows[row][cell] = "\"" + new string('x', 20_000) + "\"";
                break;
            case "many rows":
                var template = rows[1];
                rows.AddRange(Enumerable.Range(0, 40).Select(_ => (string[])template.Clone()));
                break;
            case "duplicate numbers":
                rows.Add((string[])rows[1].Clone());
                break;
            case "utf-16":
                return File(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Text(rows))).ToArray());
            case "latin-1":
                rows[row][cell] = "Müller Ñandú";
                return File(Encoding.Latin1.GetBytes(Text(rows)));
            case "nul byte":
                var nul = (byte[])valid.Clone();
                nul[random.Next(nul.Length)] = 0;
                return File(nul);
            case "bom twice":
                return File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetPreamble(), .. valid]);
            case "cr line endings":
                return File(Bytes(Text(rows, newLine: "\r")));
            case "mixed line endings":
                return File(Bytes(string.Join("\n", rows.Take(2).Select(x => string.Join(',', x))) + "\r\n" + Text(rows.Skip(2).ToList(), newLine: "\r")));
            case "tabs":
                return File(Bytes(Text(rows, "\t")));
            case "pipes":
                return File(Bytes(Text(rows, "|")));
            case "json":
                return File(Bytes("{\"rows\": [1, 2, 3]}"), random.Next(2) == 0 ? "text/csv" : "application/json");
            case "gzip":
                return File([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
            case "control characters":
                rows[row][cell] = "a\u0001b\u001Bc\u007F";
                break;
            case "shuffled columns":
                var order = Enumerable.Range(0, rows[0].Length).OrderBy(_ => random.Next()).ToArray();
                for (var r = 0; r < rows.Count; r++)
                {
                    rows[r] = order.Select(i => rows[r][i]).ToArray();
                }

                break;
            case "upper-case header":
                rows[0] = rows[0].Select(h => " " + h.ToUpperInvariant().Replace('_', ' ') + " ").ToArray();
                break;
            case "quoted line breaks in key":
                rows[row][0] = "\"" + rows[row][0] + "\r\nsecond line\"";
                break;
            case "inconsistent report rows" when type == "monthly-stock-report":
                rows[row][3] = "999";
                break;
            case "zero report with lines" when type == "monthly-stock-report":
                rows[row][2] = "true";
                break;
            case "wrong period" when type == "monthly-stock-report":
                rows.Skip(1).ToList().ForEach(r => r[0] = "2026-13");
                break;
            case "version zero" when type == "monthly-stock-report":
                rows.Skip(1).ToList().ForEach(r => r[1] = "0");
                break;
            case "scattered report rows" when type == "monthly-stock-report":
                var other = (string[])rows[1].Clone();
                other[1] = "2";
                rows.Insert(2, other);
                break;
            case "emoji":
                rows[row][cell] = "🚗 " + rows[row][cell];
                break;
            default:
                rows[row][cell] = rows[row][cell] + "\u00A0";
                break;
        }

        return File(Bytes(Text(rows)));
    }

    private void SetNumeric(List<string[]> rows, int row, string value)
    {
        var numeric = rows[0].Select((h, i) => (h, i)).Where(c => c.h is "odometer_value" or "model_year" or "version" or "days_in_stock" or "parts_stock_value").Select(c => c.i).ToList();
        rows[row][numeric[random.Next(numeric.Count)]] = value;
    }
}
