using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public sealed class AcknowledgeResult
{
    [XmlElement("outcome", Order = 0)]
    public string Outcome { get; set; } = string.Empty;

    [XmlArray("errors", Order = 1)]
    [XmlArrayItem("error", IsNullable = false)]
    public ValidationError[]? Errors { get; set; }

    [XmlArray("acknowledged", Order = 2)]
    [XmlArrayItem("receiptId", IsNullable = false)]
    public string[] Acknowledged { get; set; } = [];

    [XmlArray("unknown", Order = 3)]
    [XmlArrayItem("receiptId", IsNullable = false)]
    public string[] Unknown { get; set; } = [];
}
