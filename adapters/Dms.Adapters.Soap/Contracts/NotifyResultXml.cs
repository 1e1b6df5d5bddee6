using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>What a dealer's callback answers: that it took the notification.</summary>
[DataContract(Namespace = SoapNamespaces.Callback, Name = "notifyResult")]
public sealed class NotifyResultXml
{
    [DataMember(Name = "received", Order = 1)]
    public bool Received { get; set; }
}
