using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's DemandFigure: daily demand d, its deviation s, over how many days, from what.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class DemandFigure
{
    [XmlElement("mean", Order = 0)]
    public decimal Mean { get; set; }

    [XmlElement("deviation", Order = 1)]
    public decimal Deviation { get; set; }

    [XmlElement("days", Order = 2)]
    public long Days { get; set; }

    [XmlElement("source", Order = 3)]
    public string Source { get; set; } = string.Empty;
}
