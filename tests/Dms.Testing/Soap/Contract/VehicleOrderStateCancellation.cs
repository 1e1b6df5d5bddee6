using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderStateCancellation
{
    /// <summary>VehicleOrderStateCancellationOutcome, an enumeration in the WSDL (kept as text here).</summary>
    [XmlElement("outcome", Order = 0)]
    public string Outcome { get; set; } = string.Empty;

    [XmlArray("reasonCodes", Order = 1)]
    [XmlArrayItem("reasonCode", IsNullable = false)]
    public string[]? ReasonCodes { get; set; }

    [XmlElement("notes", Order = 2)]
    public string? Notes { get; set; }
}
