using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's SubmitPartsInventoryResult.</summary>
[XmlType(Namespace = Ns.Dealer)]
public sealed class SubmitPartsInventoryResult : ServiceResult
{
    [XmlElement("partsInventorySnapshot", Order = 6)]
    public PartsInventorySnapshot? PartsInventorySnapshot { get; set; }
}
