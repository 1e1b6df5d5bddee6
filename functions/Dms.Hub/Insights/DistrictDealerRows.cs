namespace Dms.Hub.Insights;

/// <summary>
/// A district's dealers side by side: for the HQ pages' table of a district's dealers, one row per district, grain,
/// type and bucket holds each dealer's figures as <c>{metric}@{dealer}</c> — so a district over 90 days is ≈ 12 point
/// reads for all its dealers, instead of ≈ 12 for each dealer (177 reads at 10 dealers, the slowest HQ page at
/// 1,000,000 documents). Written by the same deltas as every counter row (<see cref="FactsDiff"/>), so the projector,
/// bulk import and rebuild keep them alike; the projector is their one writer under its lease, so one row per district
/// is no hot spot.
/// </summary>
/// <remarks>
/// Only the metrics the pages' dealer tables show are kept (<see cref="Metrics"/>): a row has at most
/// <see cref="MaxColumns"/> columns (Azure Table storage allows 252 properties), ≈ 40 dealers at 6 metrics. A row that
/// would pass it is stored as <see cref="Full"/> alone and never written again; the pages then read each dealer's own
/// rows (exact, as before). A page that shows another metric per dealer must add it here and bump
/// <see cref="Rebuild.ReadModelLayout.Version"/>.
/// </remarks>
public static class DistrictDealerRows
{
    /// <summary>The columns a row may hold before it is stored as <see cref="Full"/>.</summary>
    public const int MaxColumns = 240;

    /// <summary>The metric of a row that outgrew <see cref="MaxColumns"/>: its figures are not kept.</summary>
    public const string Full = "~full";

    private const string ScopePrefix = "k:";

    /// <summary>Per document type, the metrics of the HQ pages' dealer tables (HqParts.razor, HqWarranty.razor).</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Metrics = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
    {
        ["parts-order"] = new HashSet<string>(StringComparer.Ordinal) { "units", "filled.d0", "backordered", "vorAcked", "vorAckSeconds", "discrepancies" },
        ["warranty-claim"] = new HashSet<string>(StringComparer.Ordinal) { "received", "decided", "decided.Approved", "decided.PartiallyApproved", "decided.Denied", "cycleSeconds" },
    };

    public static CounterScope Of(string district) => new(ScopePrefix + district);

    public static bool Kept(string documentType) => Metrics.ContainsKey(documentType);

    /// <summary>The delta a dealer's contribution adds to its district's row, or null when the row does not keep that metric.</summary>
    public static (CounterKey Key, string Metric)? Of(DocumentFacts facts, CounterGrain grain, DateTimeOffset bucket, string metric) =>
        facts.District is { Length: > 0 } district && Metrics.TryGetValue(facts.DocumentType, out var kept) && kept.Contains(metric)
            ? (new CounterKey(Of(district), grain, facts.DocumentType, bucket), metric + "@" + facts.DealerCode)
            : null;

    /// <summary>
    /// Each dealer's figures summed over <paramref name="rows"/>; null when one of them is <see cref="Full"/> (read the
    /// dealers' own rows instead).
    /// </summary>
    public static Dictionary<string, Dictionary<string, long>>? ByDealer(IEnumerable<CounterRow> rows)
    {
        var dealers = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (row.Get(Full) != 0)
            {
                return null;
            }

            foreach (var (name, value) in row.Values)
            {
                var at = name.LastIndexOf('@');
                if (at > 0)
                {
                    var figures = dealers.TryGetValue(name[(at + 1)..], out var known) ? known : dealers[name[(at + 1)..]] = new(StringComparer.Ordinal);
                    figures[name[..at]] = figures.GetValueOrDefault(name[..at]) + value;
                }
            }
        }

        return dealers;
    }
}
