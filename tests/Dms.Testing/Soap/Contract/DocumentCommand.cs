using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class DocumentCommand
{
    [XmlElement("reason", Order = 0)]
    public string? Reason { get; set; }

    [XmlElement("comment", Order = 1)]
    public string? Comment { get; set; }
}
