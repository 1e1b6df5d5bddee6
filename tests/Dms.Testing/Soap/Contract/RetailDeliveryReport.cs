using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class RetailDeliveryReport
{
    [XmlElement("reportNumber", Order = 0)]
    public string ReportNumber { get; set; } = string.Empty;

    [XmlElement("vin", Order = 1)]
    public string? Vin { get; set; }

    [XmlElement("saleDate", DataType = "date", Order = 2)]
    public DateTime SaleDate { get; set; }

    [XmlElement("deliveryDate", DataType = "date", Order = 3)]
    public DateTime DeliveryDate { get; set; }

    [XmlElement("deliveryOdometer", Order = 4)]
    public Distance DeliveryOdometer { get; set; } = new();

    [XmlElement("saleType", Order = 5)]
    public string SaleType { get; set; } = "Retail";

    [XmlElement("vehicle", Order = 6)]
    public RetailDeliveryReportVehicle Vehicle { get; set; } = new();

    [XmlElement("buyer", Order = 7)]
    public RetailDeliveryReportBuyer Buyer { get; set; } = new();

    [XmlArray("incentiveCodes", Order = 8)]
    [XmlArrayItem("incentiveCode", IsNullable = false)]
    public string[]? IncentiveCodes { get; set; }
}
