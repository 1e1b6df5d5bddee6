using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderStateSchedule
{
    [XmlElement("buildWeek", Order = 0)]
    public string? BuildWeek { get; set; }

    [XmlElement("plant", Order = 1)]
    public string? Plant { get; set; }
}
