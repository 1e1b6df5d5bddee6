using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class Acknowledgement
{
    [XmlElement("outcome", Order = 0)]
    public string Outcome { get; set; } = string.Empty;

    [XmlElement("trackingId", Order = 1)]
    public string? TrackingId { get; set; }

    [XmlElement("status", Order = 2)]
    public string? Status { get; set; }

    [XmlElement("replayed", Order = 3)]
    public bool Replayed { get; set; }

    [XmlElement("code", Order = 4)]
    public string? Code { get; set; }

    [XmlElement("message", Order = 5)]
    public string? Message { get; set; }

    [XmlArray("errors", Order = 6)]
    [XmlArrayItem("error", IsNullable = false)]
    public ValidationError[]? Errors { get; set; }

    [XmlArray("allowedActions", Order = 7)]
    [XmlArrayItem("action", IsNullable = false)]
    public DocumentAction[]? AllowedActions { get; set; }
}
