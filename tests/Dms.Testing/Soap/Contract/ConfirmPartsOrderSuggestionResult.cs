using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's ConfirmPartsOrderSuggestionResult.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class ConfirmPartsOrderSuggestionResult : ServiceResult
{
    [XmlElement("partsOrderSuggestionConfirmed", Order = 6)]
    public PartsOrderSuggestionConfirmed? PartsOrderSuggestionConfirmed { get; set; }
}
