using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public enum DistanceUnit
{
    [XmlEnum("km")]
    Km,

    [XmlEnum("mi")]
    Mi,
}
