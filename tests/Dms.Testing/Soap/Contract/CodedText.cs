using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class CodedText
{
    [XmlElement("code", Order = 0)]
    public string Code { get; set; } = string.Empty;

    [XmlElement("text", Order = 1)]
    public string? Text { get; set; }
}
