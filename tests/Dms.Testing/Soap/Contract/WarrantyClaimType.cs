using System.Xml.Serialization;

namespace Dms.Testing.Soap.Contract;

[XmlType(Namespace = Ns.Dealer)]
public enum WarrantyClaimType
{
    Warranty,
    Goodwill,
    Campaign,
    PartsWarranty,
    ServiceContract,
    PreAuthorization,
}
