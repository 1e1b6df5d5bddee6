using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsInventory: a stock snapshot, full or incremental.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsInventory
{
    [XmlElement("snapshotId", Order = 0)]
    public string SnapshotId { get; set; } = string.Empty;

    [XmlElement("previousSnapshotId", Order = 1)]
    public string? PreviousSnapshotId { get; set; }

    [XmlElement("kind", Order = 2)]
    public string Kind { get; set; } = "Full";

    [XmlElement("asOf", Order = 3)]
    public DateTime AsOf { get; set; }

    [XmlArray("parts", Order = 4)]
    [XmlArrayItem("part", IsNullable = false)]
    public PartsInventoryPart[] Parts { get; set; } = [];

    [XmlArray("removedParts", Order = 5)]
    [XmlArrayItem("partNumber", IsNullable = false)]
    public string[]? RemovedParts { get; set; }
}
