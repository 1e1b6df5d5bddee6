using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's DocumentStatus. XmlSerializer stops matching an ordered sequence at an element it does not know, so every element is declared.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class DocumentStatus
{
    [XmlElement("outcome", Order = 0)]
    public string Outcome { get; set; } = string.Empty;

    [XmlElement("trackingId", Order = 1)]
    public string? TrackingId { get; set; }

    [XmlElement("documentType", Order = 2)]
    public string? DocumentType { get; set; }

    [XmlElement("documentNumber", Order = 3)]
    public string? DocumentNumber { get; set; }

    [XmlElement("status", Order = 4)]
    public string? Status { get; set; }

    [XmlElement("contentVersion", Order = 5)]
    public long ContentVersion { get; set; }

    [XmlIgnore]
    public bool ContentVersionSpecified { get; set; }

    [XmlElement("oemReference", Order = 6)]
    public string? OemReference { get; set; }

    [XmlElement("submittedAt", Order = 7)]
    public DateTime SubmittedAt { get; set; }

    [XmlElement("updatedAt", Order = 8)]
    public DateTime UpdatedAt { get; set; }

    [XmlArray("allowedActions", Order = 9)]
    [XmlArrayItem("action", IsNullable = false)]
    public DocumentAction[]? AllowedActions { get; set; }

    [XmlElement("oem", Order = 10)]
    public OemState? Oem { get; set; }

    [XmlArray("overlays", Order = 11)]
    [XmlArrayItem("overlay", IsNullable = false)]
    public Overlay[]? Overlays { get; set; }

    [XmlArray("fields", Order = 12)]
    [XmlArrayItem("field", IsNullable = false)]
    public Detail[]? Fields { get; set; }

    [XmlArray("deliveries", Order = 13)]
    [XmlArrayItem("delivery", IsNullable = false)]
    public Delivery[]? Deliveries { get; set; }

    [XmlArray("timeline", Order = 14)]
    [XmlArrayItem("entry", IsNullable = false)]
    public TimelineEntry[]? Timeline { get; set; }

    [XmlElement("document", Order = 15)]
    public System.Xml.XmlElement? Document { get; set; }
}
