using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderStateEditError
{
    [XmlElement("code", Order = 0)]
    public string Code { get; set; } = string.Empty;

    [XmlElement("field", Order = 1)]
    public string? Field { get; set; }

    [XmlElement("message", Order = 2)]
    public string Message { get; set; } = string.Empty;
}
