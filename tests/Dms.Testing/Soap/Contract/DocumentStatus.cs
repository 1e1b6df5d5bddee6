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

    /// <summary>OemState: one element of the document's type (kept as XML here; the zeep test reads it typed).</summary>
    [XmlElement("oem", Order = 10)]
    public System.Xml.XmlElement? Oem { get; set; }

    [XmlArray("deliveries", Order = 11)]
    [XmlArrayItem("delivery", IsNullable = false)]
    public Delivery[]? Deliveries { get; set; }

    [XmlArray("timeline", Order = 12)]
    [XmlArrayItem("entry", IsNullable = false)]
    public TimelineEntry[]? Timeline { get; set; }

    [XmlElement("document", Order = 13)]
    public System.Xml.XmlElement? Document { get; set; }
}
