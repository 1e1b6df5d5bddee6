using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "stringList", ItemName = "item")]
public sealed class StringListXml : List<string>;
