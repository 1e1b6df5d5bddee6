using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[CollectionDataContract(Namespace = SoapNamespaces.Dealer, Name = "timeline", ItemName = "entry")]
public sealed class TimelineXml : List<TimelineEntryXml>;
