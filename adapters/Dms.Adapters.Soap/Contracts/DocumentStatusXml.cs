using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>Where a document stands. <c>outcome</c> is Found or NotFound (another dealer's documents are not found).</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "documentStatus")]
public sealed class DocumentStatusXml
{
    [DataMember(Name = "outcome", Order = 1)]
    public string Outcome { get; set; } = string.Empty;

    [DataMember(Name = "trackingId", Order = 2, EmitDefaultValue = false)]
    public string? TrackingId { get; set; }

    [DataMember(Name = "documentType", Order = 3, EmitDefaultValue = false)]
    public string? DocumentType { get; set; }

    [DataMember(Name = "documentNumber", Order = 4, EmitDefaultValue = false)]
    public string? DocumentNumber { get; set; }

    [DataMember(Name = "status", Order = 5, EmitDefaultValue = false)]
    public string? Status { get; set; }

    [DataMember(Name = "contentVersion", Order = 6)]
    public int ContentVersion { get; set; }

    [DataMember(Name = "oemReference", Order = 7, EmitDefaultValue = false)]
    public string? OemReference { get; set; }

    [DataMember(Name = "submittedAt", Order = 8)]
    public DateTime SubmittedAt { get; set; }

    [DataMember(Name = "updatedAt", Order = 9)]
    public DateTime UpdatedAt { get; set; }

    [DataMember(Name = "allowedActions", Order = 10, EmitDefaultValue = false)]
    public StringListXml? AllowedActions { get; set; }

    [DataMember(Name = "timeline", Order = 11, EmitDefaultValue = false)]
    public TimelineXml? Timeline { get; set; }
}
