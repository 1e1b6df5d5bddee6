using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class WarrantyClaimLaborLine
{
    [XmlElement("operationCode", Order = 0)]
    public string OperationCode { get; set; } = string.Empty;

    [XmlElement("hours", Order = 1)]
    public decimal Hours { get; set; }

    [XmlElement("rate", Order = 2)]
    public Money Rate { get; set; } = new();

    [XmlElement("technicianId", Order = 3)]
    public string? TechnicianId { get; set; }
}
