using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's PartsInventoryPart; optional numbers come with svcutil's *Specified flags.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class PartsInventoryPart
{
    [XmlElement("partNumber", Order = 0)]
    public string PartNumber { get; set; } = string.Empty;

    [XmlElement("onHand", Order = 1)]
    public long OnHand { get; set; }

    [XmlElement("reserved", Order = 2)]
    public long Reserved { get; set; }

    [XmlIgnore]
    public bool ReservedSpecified { get; set; }

    [XmlElement("onOrder", Order = 3)]
    public long OnOrder { get; set; }

    [XmlIgnore]
    public bool OnOrderSpecified { get; set; }

    [XmlElement("backordered", Order = 4)]
    public long Backordered { get; set; }

    [XmlIgnore]
    public bool BackorderedSpecified { get; set; }

    [XmlElement("twelveMonthSales", Order = 5)]
    public long TwelveMonthSales { get; set; }

    [XmlIgnore]
    public bool TwelveMonthSalesSpecified { get; set; }

    [XmlElement("twelveMonthLostSales", Order = 6)]
    public long TwelveMonthLostSales { get; set; }

    [XmlIgnore]
    public bool TwelveMonthLostSalesSpecified { get; set; }

    [XmlElement("twelveMonthVorSales", Order = 7)]
    public long TwelveMonthVorSales { get; set; }

    [XmlIgnore]
    public bool TwelveMonthVorSalesSpecified { get; set; }

    [XmlElement("averageWeeklyUsage", Order = 8)]
    public decimal AverageWeeklyUsage { get; set; }

    [XmlIgnore]
    public bool AverageWeeklyUsageSpecified { get; set; }

    [XmlElement("dealerMin", Order = 9)]
    public long DealerMin { get; set; }

    [XmlIgnore]
    public bool DealerMinSpecified { get; set; }

    [XmlElement("dealerMax", Order = 10)]
    public long DealerMax { get; set; }

    [XmlIgnore]
    public bool DealerMaxSpecified { get; set; }

    [XmlElement("bin", Order = 11)]
    public string? Bin { get; set; }
}
