using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's OemState: at most one element, the OEM data of the document's type (claims and RDRs kept as XML here).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class OemState
{
    [XmlElement("partsOrderState", Order = 0)]
    public PartsOrderState? PartsOrderState { get; set; }

    [XmlElement("retailDeliveryReportState", Order = 1)]
    public System.Xml.XmlElement? RetailDeliveryReportState { get; set; }

    [XmlElement("vehicleOrderState", Order = 2)]
    public VehicleOrderState? VehicleOrderState { get; set; }

    [XmlElement("warrantyClaimState", Order = 3)]
    public System.Xml.XmlElement? WarrantyClaimState { get; set; }
}
