using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "attachmentList", ItemName = "attachment")]
public sealed class AttachmentListXml : List<AttachmentXml>;
