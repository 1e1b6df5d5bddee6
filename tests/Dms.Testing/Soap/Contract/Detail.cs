using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's Detail: one name/value pair (a summary field, a leaf of an overlay's or a timeline step's details).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class Detail
{
    [XmlElement("name", Order = 0)]
    public string Name { get; set; } = string.Empty;

    [XmlElement("value", Order = 1)]
    public string Value { get; set; } = string.Empty;
}
