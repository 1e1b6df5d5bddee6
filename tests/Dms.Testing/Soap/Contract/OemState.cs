using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's OemState: at most one element, the OEM data of the document's type (claims and RDRs kept as XML here).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class OemState
{
    [XmlElement("retailDeliveryReportState", Order = 0)]
    public System.Xml.XmlElement? RetailDeliveryReportState { get; set; }

    [XmlElement("vehicleOrderState", Order = 1)]
    public VehicleOrderState? VehicleOrderState { get; set; }

    [XmlElement("warrantyClaimState", Order = 2)]
    public System.Xml.XmlElement? WarrantyClaimState { get; set; }
}
