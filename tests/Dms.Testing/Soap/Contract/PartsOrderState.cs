using System.Xml;
using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderState, its child elements kept as XML (lines with their buckets, acknowledgements, shipments …).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderState
{
    [XmlAnyElement]
    public XmlElement[] Content { get; set; } = [];

    public XmlElement? Child(string name) => Content.FirstOrDefault(e => e.LocalName == name && e.NamespaceURI == Ns.Dealer);
}
