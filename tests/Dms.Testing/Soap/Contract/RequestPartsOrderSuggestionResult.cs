using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's RequestPartsOrderSuggestionResult.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class RequestPartsOrderSuggestionResult : ServiceResult
{
    [XmlElement("partsOrderSuggestion", Order = 6)]
    public PartsOrderSuggestion? PartsOrderSuggestion { get; set; }
}
