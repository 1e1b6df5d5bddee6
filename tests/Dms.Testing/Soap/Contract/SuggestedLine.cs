using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's SuggestedLine: a part to order and what decided its quantity.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class SuggestedLine
{
    [XmlElement("partNumber", Order = 0)]
    public string PartNumber { get; set; } = string.Empty;

    [XmlElement("description", Order = 1)]
    public string? Description { get; set; }

    [XmlElement("quantity", Order = 2)]
    public long Quantity { get; set; }

    [XmlElement("packSize", Order = 3)]
    public long PackSize { get; set; }

    [XmlElement("unitOfMeasure", Order = 4)]
    public string UnitOfMeasure { get; set; } = string.Empty;

    [XmlElement("demand", Order = 5)]
    public DemandFigure Demand { get; set; } = new();

    [XmlElement("leadTimeDays", Order = 6)]
    public decimal LeadTimeDays { get; set; }

    [XmlElement("reviewPeriodDays", Order = 7)]
    public decimal ReviewPeriodDays { get; set; }

    [XmlElement("effectiveLeadTimeDays", Order = 8)]
    public decimal EffectiveLeadTimeDays { get; set; }

    [XmlElement("serviceFactor", Order = 9)]
    public decimal ServiceFactor { get; set; }

    [XmlElement("safetyStock", Order = 10)]
    public decimal SafetyStock { get; set; }

    [XmlElement("reorderPoint", Order = 11)]
    public decimal ReorderPoint { get; set; }

    [XmlElement("orderUpTo", Order = 12)]
    public decimal OrderUpTo { get; set; }
}
