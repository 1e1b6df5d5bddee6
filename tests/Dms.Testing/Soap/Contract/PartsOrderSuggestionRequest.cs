using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderSuggestionRequest: every element optional.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderSuggestionRequest
{
    [XmlArray("partNumbers", Order = 0)]
    [XmlArrayItem("partNumber", IsNullable = false)]
    public string[]? PartNumbers { get; set; }

    [XmlElement("requestedShipDate", DataType = "date", Order = 1)]
    public DateTime RequestedShipDate { get; set; }

    [XmlIgnore]
    public bool RequestedShipDateSpecified { get; set; }
}
