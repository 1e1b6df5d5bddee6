using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's VehicleOrderState: what the OEM's order system has told the hub about an order.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class VehicleOrderState
{
    [XmlElement("lastCode", Order = 0)]
    public VehicleOrderStateLastCode? LastCode { get; set; }

    [XmlArray("editErrors", Order = 1)]
    [XmlArrayItem("editError", IsNullable = false)]
    public VehicleOrderStateEditError[]? EditErrors { get; set; }

    [XmlElement("schedule", Order = 2)]
    public VehicleOrderStateSchedule? Schedule { get; set; }

    [XmlElement("vin", Order = 3)]
    public string? Vin { get; set; }

    [XmlElement("invoice", Order = 4)]
    public VehicleOrderStateInvoice? Invoice { get; set; }

    [XmlElement("carrier", Order = 5)]
    public string? Carrier { get; set; }

    [XmlElement("eta", Order = 6)]
    public Eta? Eta { get; set; }

    [XmlElement("firstEta", Order = 7)]
    public Eta? FirstEta { get; set; }

    [XmlElement("etaSlipDays", Order = 8)]
    public long EtaSlipDays { get; set; }

    [XmlIgnore]
    public bool EtaSlipDaysSpecified { get; set; }

    [XmlElement("deliveredOn", DataType = "date", Order = 9)]
    public DateTime DeliveredOn { get; set; }

    [XmlIgnore]
    public bool DeliveredOnSpecified { get; set; }

    [XmlElement("lastChange", Order = 10)]
    public VehicleOrderStateLastChange? LastChange { get; set; }

    [XmlElement("cancellation", Order = 11)]
    public VehicleOrderStateCancellation? Cancellation { get; set; }
}
