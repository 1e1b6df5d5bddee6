using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class ValidationError
{
    [XmlElement("path", Order = 0)]
    public string Path { get; set; } = string.Empty;

    [XmlElement("jsonPointer", Order = 1)]
    public string? JsonPointer { get; set; }

    [XmlElement("code", Order = 2)]
    public string Code { get; set; } = string.Empty;

    [XmlElement("message", Order = 3)]
    public string Message { get; set; } = string.Empty;
}
