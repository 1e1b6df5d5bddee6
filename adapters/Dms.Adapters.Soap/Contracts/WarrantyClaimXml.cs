using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>A warranty claim; the same fields as schemas/warranty-claim.v1.schema.json (dates as yyyy-MM-dd).</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "warrantyClaim")]
public sealed class WarrantyClaimXml
{
    [DataMember(Name = "dealerClaimNumber", Order = 1)]
    public string? DealerClaimNumber { get; set; }

    [DataMember(Name = "claimType", Order = 2)]
    public string? ClaimType { get; set; }

    [DataMember(Name = "priorClaimNumber", Order = 3, EmitDefaultValue = false)]
    public string? PriorClaimNumber { get; set; }

    [DataMember(Name = "vin", Order = 4)]
    public string? Vin { get; set; }

    [DataMember(Name = "repairOrder", Order = 5)]
    public RepairOrderXml? RepairOrder { get; set; }

    [DataMember(Name = "complaint", Order = 6)]
    public CodedTextXml? Complaint { get; set; }

    [DataMember(Name = "cause", Order = 7)]
    public CodedTextXml? Cause { get; set; }

    [DataMember(Name = "correction", Order = 8)]
    public CodedTextXml? Correction { get; set; }

    [DataMember(Name = "symptomCode", Order = 9, EmitDefaultValue = false)]
    public string? SymptomCode { get; set; }

    [DataMember(Name = "defectCode", Order = 10, EmitDefaultValue = false)]
    public string? DefectCode { get; set; }

    [DataMember(Name = "campaignId", Order = 11, EmitDefaultValue = false)]
    public string? CampaignId { get; set; }

    [DataMember(Name = "preAuthorizationNumber", Order = 12, EmitDefaultValue = false)]
    public string? PreAuthorizationNumber { get; set; }

    [DataMember(Name = "laborLines", Order = 13)]
    public LaborLineListXml? LaborLines { get; set; }

    [DataMember(Name = "partLines", Order = 14)]
    public PartLineListXml? PartLines { get; set; }

    [DataMember(Name = "otherCosts", Order = 15, EmitDefaultValue = false)]
    public OtherCostListXml? OtherCosts { get; set; }

    [DataMember(Name = "deductible", Order = 16, EmitDefaultValue = false)]
    public MoneyXml? Deductible { get; set; }

    [DataMember(Name = "attachments", Order = 17, EmitDefaultValue = false)]
    public AttachmentListXml? Attachments { get; set; }

    [DataMember(Name = "claimedTotal", Order = 18)]
    public MoneyXml? ClaimedTotal { get; set; }
}
