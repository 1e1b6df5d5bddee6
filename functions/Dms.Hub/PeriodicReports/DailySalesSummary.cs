using System.Text.Json.Serialization;

namespace Dms.Hub.PeriodicReports;

/// <summary>The daily sales summary (schemas/daily-sales-summary.v1.schema.json): units sold that day by model and sale type.</summary>
public sealed record DailySalesSummary : IPeriodicReport
{
    public required string Period { get; init; }

    public required int Version { get; init; }

    public bool? ZeroReport { get; init; }

    public int? DeclaredLines { get; init; }

    public required IReadOnlyList<DailySalesLine> Lines { get; init; }

    [JsonIgnore] // derived from the lines: not part of the document as sent (REST and SOAP answer the same document)
    public int LineCount => Lines.Count;

    public IEnumerable<string> LineKeys() => Lines.Select(l => $"{l.ModelCode}|{l.SaleType}");
}

public sealed record DailySalesLine(string ModelCode, string SaleType, int Units);
