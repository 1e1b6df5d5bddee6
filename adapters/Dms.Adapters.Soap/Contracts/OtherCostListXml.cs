using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "otherCostList", ItemName = "otherCost")]
public sealed class OtherCostListXml : List<OtherCostXml>;
