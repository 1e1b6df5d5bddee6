using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>Cancel, appeal or unwind one of your documents, with a reason code (e.g. CUSTOMER_WITHDREW).</summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "documentCommand")]
public sealed class DocumentCommandXml
{
    [DataMember(Name = "trackingId", Order = 1)]
    public string? TrackingId { get; set; }

    [DataMember(Name = "reason", Order = 2)]
    public string? Reason { get; set; }

    [DataMember(Name = "comment", Order = 3, EmitDefaultValue = false)]
    public string? Comment { get; set; }
}
