using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public enum VehicleOrderType
{
    Stock,
    Sold,
    Fleet,
    Demo,
}
