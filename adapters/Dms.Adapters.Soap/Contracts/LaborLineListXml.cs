using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "laborLineList", ItemName = "laborLine")]
public sealed class LaborLineListXml : List<LaborLineXml>;
