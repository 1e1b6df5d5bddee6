using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderStateLastCode
{
    [XmlElement("scheme", Order = 0)]
    public string Scheme { get; set; } = string.Empty;

    [XmlElement("code", Order = 1)]
    public string Code { get; set; } = string.Empty;

    /// <summary>VehicleOrderStateLastCodeEvent, an enumeration in the WSDL (kept as text here).</summary>
    [XmlElement("event", Order = 2)]
    public string Event { get; set; } = string.Empty;

    [XmlElement("description", Order = 3)]
    public string? Description { get; set; }

    [XmlElement("receivedAt", Order = 4)]
    public DateTime ReceivedAt { get; set; }
}
