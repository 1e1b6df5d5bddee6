using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>A retail delivery report; the same fields as schemas/retail-delivery-report.v1.schema.json.</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "retailDeliveryReport")]
public sealed class RetailDeliveryReportXml
{
    [DataMember(Name = "reportNumber", Order = 1)]
    public string? ReportNumber { get; set; }

    [DataMember(Name = "vin", Order = 2)]
    public string? Vin { get; set; }

    [DataMember(Name = "saleDate", Order = 3)]
    public string? SaleDate { get; set; }

    [DataMember(Name = "deliveryDate", Order = 4)]
    public string? DeliveryDate { get; set; }

    [DataMember(Name = "deliveryOdometer", Order = 5)]
    public DistanceXml? DeliveryOdometer { get; set; }

    [DataMember(Name = "saleType", Order = 6)]
    public string? SaleType { get; set; }

    [DataMember(Name = "vehicle", Order = 7)]
    public VehicleXml? Vehicle { get; set; }

    [DataMember(Name = "buyer", Order = 8)]
    public BuyerXml? Buyer { get; set; }

    [DataMember(Name = "salespersonId", Order = 9, EmitDefaultValue = false)]
    public string? SalespersonId { get; set; }

    [DataMember(Name = "financeType", Order = 10, EmitDefaultValue = false)]
    public string? FinanceType { get; set; }

    [DataMember(Name = "incentiveCodes", Order = 11, EmitDefaultValue = false)]
    public StringListXml? IncentiveCodes { get; set; }

    [DataMember(Name = "registrationRegion", Order = 12, EmitDefaultValue = false)]
    public string? RegistrationRegion { get; set; }
}
