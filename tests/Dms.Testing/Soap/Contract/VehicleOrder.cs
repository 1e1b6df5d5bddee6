using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's VehicleOrder.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrder
{
    [XmlElement("dealerOrderNumber", Order = 0)]
    public string DealerOrderNumber { get; set; } = string.Empty;

    [XmlElement("orderType", Order = 1)]
    public VehicleOrderType OrderType { get; set; }

    [XmlElement("priority", Order = 2)]
    public int Priority { get; set; }

    [XmlIgnore]
    public bool PrioritySpecified { get; set; }

    [XmlElement("customerReference", Order = 3)]
    public string? CustomerReference { get; set; }

    [XmlElement("fleetAccount", Order = 4)]
    public string? FleetAccount { get; set; }

    [XmlElement("modelCode", Order = 5)]
    public string ModelCode { get; set; } = string.Empty;

    [XmlElement("modelYear", Order = 6)]
    public int ModelYear { get; set; }

    [XmlElement("trim", Order = 7)]
    public string Trim { get; set; } = string.Empty;

    [XmlElement("exteriorColor", Order = 8)]
    public string ExteriorColor { get; set; } = string.Empty;

    [XmlElement("interiorColor", Order = 9)]
    public string InteriorColor { get; set; } = string.Empty;

    [XmlArray("options", Order = 10)]
    [XmlArrayItem("option", IsNullable = false)]
    public string[]? Options { get; set; }

    [XmlElement("requestedDelivery", Order = 11)]
    public VehicleOrderRequestedDelivery? RequestedDelivery { get; set; }

    [XmlElement("allocationPeriod", Order = 12)]
    public string AllocationPeriod { get; set; } = string.Empty;

    [XmlElement("notes", Order = 13)]
    public string? Notes { get; set; }
}
