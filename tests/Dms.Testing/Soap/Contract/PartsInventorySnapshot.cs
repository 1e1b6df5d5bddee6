using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsInventorySnapshot: the snapshot as the hub took it.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsInventorySnapshot
{
    [XmlElement("snapshotId", Order = 0)]
    public string SnapshotId { get; set; } = string.Empty;

    [XmlElement("previousSnapshotId", Order = 1)]
    public string? PreviousSnapshotId { get; set; }

    [XmlElement("sequence", Order = 2)]
    public long Sequence { get; set; }

    [XmlElement("kind", Order = 3)]
    public string Kind { get; set; } = string.Empty;

    [XmlElement("asOf", Order = 4)]
    public DateTime AsOf { get; set; }

    [XmlElement("partsInSnapshot", Order = 5)]
    public long PartsInSnapshot { get; set; }

    [XmlElement("stockedParts", Order = 6)]
    public long StockedParts { get; set; }

    [XmlElement("receivedAt", Order = 7)]
    public DateTime ReceivedAt { get; set; }
}
