using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's VehicleOrderAmendment: only the elements given change.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderAmendment
{
    [XmlElement("trim", Order = 0)]
    public string? Trim { get; set; }

    [XmlElement("exteriorColor", Order = 1)]
    public string? ExteriorColor { get; set; }

    [XmlElement("interiorColor", Order = 2)]
    public string? InteriorColor { get; set; }

    [XmlArray("options", Order = 3)]
    [XmlArrayItem("option", IsNullable = false)]
    public string[]? Options { get; set; }

    [XmlElement("requestedDelivery", Order = 4)]
    public VehicleOrderAmendmentRequestedDelivery? RequestedDelivery { get; set; }

    [XmlElement("reason", Order = 5)]
    public string? Reason { get; set; }

    [XmlElement("comment", Order = 6)]
    public string? Comment { get; set; }
}
