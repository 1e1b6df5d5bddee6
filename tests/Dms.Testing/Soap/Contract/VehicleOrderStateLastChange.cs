using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderStateLastChange
{
    [XmlElement("version", Order = 0)]
    public long Version { get; set; }

    /// <summary>VehicleOrderStateLastChangeOutcome, an enumeration in the WSDL (kept as text here).</summary>
    [XmlElement("outcome", Order = 1)]
    public string Outcome { get; set; } = string.Empty;

    [XmlArray("reasonCodes", Order = 2)]
    [XmlArrayItem("reasonCode", IsNullable = false)]
    public string[]? ReasonCodes { get; set; }

    [XmlElement("notes", Order = 3)]
    public string? Notes { get; set; }

    [XmlElement("restoredFromVersion", Order = 4)]
    public long RestoredFromVersion { get; set; }

    [XmlIgnore]
    public bool RestoredFromVersionSpecified { get; set; }

    [XmlElement("contentVersion", Order = 5)]
    public long ContentVersion { get; set; }

    [XmlIgnore]
    public bool ContentVersionSpecified { get; set; }
}
