using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderLine.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderLine
{
    [XmlElement("lineNumber", Order = 0)]
    public long LineNumber { get; set; }

    [XmlElement("partNumber", Order = 1)]
    public string PartNumber { get; set; } = string.Empty;

    [XmlElement("quantity", Order = 2)]
    public long Quantity { get; set; }

    [XmlElement("unitOfMeasure", Order = 3)]
    public string? UnitOfMeasure { get; set; }
}
