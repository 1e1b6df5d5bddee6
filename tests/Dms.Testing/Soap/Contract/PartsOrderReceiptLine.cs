using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderReceiptLine.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderReceiptLine
{
    [XmlElement("lineNumber", Order = 0)]
    public long LineNumber { get; set; }

    [XmlElement("received", Order = 1)]
    public long Received { get; set; }

    [XmlIgnore]
    public bool ReceivedSpecified { get; set; }

    [XmlArray("discrepancies", Order = 2)]
    [XmlArrayItem("discrepancy", IsNullable = false)]
    public PartsOrderReceiptLineDiscrepancy[]? Discrepancies { get; set; }
}
