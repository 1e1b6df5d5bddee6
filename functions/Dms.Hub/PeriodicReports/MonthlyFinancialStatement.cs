using System.Text.Json.Serialization;

namespace Dms.Hub.PeriodicReports;

/// <summary>The monthly financial statement (schemas/monthly-financial-statement.v1.schema.json): amounts per account.</summary>
public sealed record MonthlyFinancialStatement : IPeriodicReport
{
    public required string Period { get; init; }

    public required int Version { get; init; }

    public bool? ZeroReport { get; init; }

    public int? DeclaredLines { get; init; }

    public required IReadOnlyList<FinancialLine> Lines { get; init; }

    [JsonIgnore] // derived from the lines: not part of the document as sent (REST and SOAP answer the same document)
    public int LineCount => Lines.Count;

    public IEnumerable<string> LineKeys() => Lines.Select(l => l.AccountCode);
}

/// <summary>One account: <paramref name="Amount"/> in integer minor units (negative for credits).</summary>
public sealed record FinancialLine(string AccountCode, string? Description, long Amount, string Currency);
