using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderSuggestionConfirmation: your own order number, and parts to leave out.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderSuggestionConfirmation
{
    [XmlElement("dealerOrderNumber", Order = 0)]
    public string? DealerOrderNumber { get; set; }

    [XmlArray("excludePartNumbers", Order = 1)]
    [XmlArrayItem("excludePartNumber", IsNullable = false)]
    public string[]? ExcludePartNumbers { get; set; }
}
