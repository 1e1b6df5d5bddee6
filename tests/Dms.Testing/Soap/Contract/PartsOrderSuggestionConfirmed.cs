using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderSuggestionConfirmed: the parts orders a confirmed suggestion became.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderSuggestionConfirmed
{
    [XmlElement("suggestionId", Order = 0)]
    public string SuggestionId { get; set; } = string.Empty;

    [XmlArray("orders", Order = 1)]
    [XmlArrayItem("order", IsNullable = false)]
    public PartsOrderSuggestionConfirmedOrder[] Orders { get; set; } = [];
}
