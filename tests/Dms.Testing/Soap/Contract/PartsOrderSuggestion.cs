using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderSuggestion up to skippedCount (the parts left out and the drafts that follow are not read here).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderSuggestion
{
    [XmlElement("suggestionId", Order = 0)]
    public string SuggestionId { get; set; } = string.Empty;

    [XmlElement("dealerCode", Order = 1)]
    public string? DealerCode { get; set; }

    [XmlElement("createdAt", Order = 2)]
    public DateTime CreatedAt { get; set; }

    [XmlElement("validUntil", Order = 3)]
    public DateTime ValidUntil { get; set; }

    [XmlElement("snapshotId", Order = 4)]
    public string SnapshotId { get; set; } = string.Empty;

    [XmlElement("asOf", Order = 5)]
    public DateTime AsOf { get; set; }

    [XmlElement("parameters", Order = 6)]
    public SuggestionParameters Parameters { get; set; } = new();

    [XmlElement("evaluated", Order = 7)]
    public long Evaluated { get; set; }

    [XmlArray("lines", Order = 8)]
    [XmlArrayItem("line", IsNullable = false)]
    public SuggestedLine[] Lines { get; set; } = [];

    [XmlElement("skippedCount", Order = 9)]
    public long SkippedCount { get; set; }
}
