using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's WarrantyClaim (other costs, deductible and attachments are optional and left out here).</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class WarrantyClaim
{
    [XmlElement("dealerClaimNumber", Order = 0)]
    public string DealerClaimNumber { get; set; } = string.Empty;

    [XmlElement("claimType", Order = 1)]
    public WarrantyClaimType ClaimType { get; set; }

    [XmlElement("priorClaimNumber", Order = 2)]
    public string? PriorClaimNumber { get; set; }

    [XmlElement("vin", Order = 3)]
    public string? Vin { get; set; }

    [XmlElement("repairOrder", Order = 4)]
    public WarrantyClaimRepairOrder RepairOrder { get; set; } = new();

    [XmlElement("complaint", Order = 5)]
    public CodedText Complaint { get; set; } = new();

    [XmlElement("cause", Order = 6)]
    public CodedText Cause { get; set; } = new();

    [XmlElement("correction", Order = 7)]
    public CodedText Correction { get; set; } = new();

    [XmlElement("symptomCode", Order = 8)]
    public string? SymptomCode { get; set; }

    [XmlElement("defectCode", Order = 9)]
    public string? DefectCode { get; set; }

    [XmlElement("campaignId", Order = 10)]
    public string? CampaignId { get; set; }

    [XmlElement("preAuthorizationNumber", Order = 11)]
    public string? PreAuthorizationNumber { get; set; }

    [XmlArray("laborLines", Order = 12)]
    [XmlArrayItem("laborLine", IsNullable = false)]
    public WarrantyClaimLaborLine[] LaborLines { get; set; } = [];

    [XmlArray("partLines", Order = 13)]
    [XmlArrayItem("partLine", IsNullable = false)]
    public WarrantyClaimPartLine[] PartLines { get; set; } = [];

    [XmlElement("claimedTotal", Order = 14)]
    public Money? ClaimedTotal { get; set; }
}
