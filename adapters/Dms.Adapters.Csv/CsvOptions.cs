using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.Csv;

/// <summary>The CSV format (section <c>Dms:Csv</c>).</summary>
public sealed class CsvOptions
{
    public const string Section = "Dms:Csv";

    /// <summary>Largest single record (a row with its quoted line breaks); a longer one stops the file with RECORD_TOO_LARGE.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxRecordBytes { get; set; } = 1024 * 1024;

    /// <summary>Media types accepted as CSV (browsers on Windows label .csv files application/vnd.ms-excel).</summary>
    public List<string>? MediaTypes { get; set; }
}
