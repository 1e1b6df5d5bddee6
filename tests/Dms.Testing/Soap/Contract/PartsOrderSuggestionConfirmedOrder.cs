using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsOrderSuggestionConfirmedOrder: one order, followed like any other.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsOrderSuggestionConfirmedOrder
{
    [XmlElement("trackingId", Order = 0)]
    public string TrackingId { get; set; } = string.Empty;

    [XmlElement("status", Order = 1)]
    public string Status { get; set; } = string.Empty;

    [XmlElement("replayed", Order = 2)]
    public bool Replayed { get; set; }

    [XmlArray("allowedActions", Order = 3)]
    [XmlArrayItem("action", IsNullable = false)]
    public DocumentAction[]? AllowedActions { get; set; }
}
