using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "partLineList", ItemName = "partLine")]
public sealed class PartLineListXml : List<PartLineXml>;
