using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "errorList", ItemName = "error")]
public sealed class ErrorListXml : List<ErrorXml>;
