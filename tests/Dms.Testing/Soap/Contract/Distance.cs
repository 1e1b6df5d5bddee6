using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class Distance
{
    [XmlElement("value", Order = 0)]
    public long Value { get; set; }

    [XmlElement("unit", Order = 1)]
    public DistanceUnit Unit { get; set; }
}
