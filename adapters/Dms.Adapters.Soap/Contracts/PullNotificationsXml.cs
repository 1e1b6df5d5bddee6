using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>Take up to <c>maxItems</c> of your oldest notifications, optionally of one document type and since a time.</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "pullNotifications")]
public sealed class PullNotificationsXml
{
    [DataMember(Name = "maxItems", Order = 1)]
    public int? MaxItems { get; set; }

    [DataMember(Name = "documentType", Order = 2, EmitDefaultValue = false)]
    public string? DocumentType { get; set; }

    [DataMember(Name = "since", Order = 3, EmitDefaultValue = false)]
    public DateTime? Since { get; set; }
}
