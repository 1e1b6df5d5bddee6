using System.Text.Json.Serialization;
using Dms.Hub.Common;

namespace Dms.Hub.PeriodicReports;

/// <summary>The monthly stock report (schemas/monthly-stock-report.v1.schema.json): vehicles in stock at month end and the parts stock value.</summary>
public sealed record MonthlyStockReport : IPeriodicReport
{
    public required string Period { get; init; }

    public required int Version { get; init; }

    public bool? ZeroReport { get; init; }

    public int? DeclaredLines { get; init; }

    public Money? PartsStockValue { get; init; }

    public required IReadOnlyList<StockVehicle> Lines { get; init; }

    [JsonIgnore] // derived from the lines: not part of the document as sent (REST and SOAP answer the same document)
    public int LineCount => Lines.Count;

    public IEnumerable<string> LineKeys() => Lines.Select(l => l.Vin);
}

public sealed record StockVehicle(string Vin, string ModelCode, int DaysInStock, string Status);
