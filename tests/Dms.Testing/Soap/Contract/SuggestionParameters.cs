using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's SuggestionParameters: window W, lead time L, review period R, service factor Z.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class SuggestionParameters
{
    [XmlElement("windowDays", Order = 0)]
    public long WindowDays { get; set; }

    [XmlElement("leadTimeDays", Order = 1)]
    public decimal LeadTimeDays { get; set; }

    [XmlElement("reviewPeriodDays", Order = 2)]
    public decimal ReviewPeriodDays { get; set; }

    [XmlElement("serviceFactor", Order = 3)]
    public decimal ServiceFactor { get; set; }
}
