using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>
/// What every *Result type of the WSDL's dealer services starts with (outcome … details); svcutil repeats these
/// elements in each result type, here they are inherited.
/// </summary>
[XmlType(Namespace = Ns.Dealer)]
public abstract class ServiceResult
{
    [XmlElement("outcome", Order = 0)]
    public string Outcome { get; set; } = string.Empty;

    [XmlElement("replayed", Order = 1)]
    public bool Replayed { get; set; }

    [XmlElement("code", Order = 2)]
    public string? Code { get; set; }

    [XmlElement("message", Order = 3)]
    public string? Message { get; set; }

    [XmlArray("errors", Order = 4)]
    [XmlArrayItem("error", IsNullable = false)]
    public ValidationError[]? Errors { get; set; }

    [XmlArray("details", Order = 5)]
    [XmlArrayItem("detail", IsNullable = false)]
    public Detail[]? Details { get; set; }
}
