using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class Money
{
    [XmlElement("amount", Order = 0)]
    public long Amount { get; set; }

    [XmlElement("currency", Order = 1)]
    public string Currency { get; set; } = string.Empty;
}
