using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

/// <summary>
/// The answer to a submission or command. <c>outcome</c>: Accepted, Rejected (see errors), Conflict (same number,
/// different content), NotAllowed (the status does not allow it; see allowedActions), NotFound, Forbidden.
/// </summary>
[DataContract(Namespace = SoapNamespaces.Dealer, Name = "acknowledgement")]
public sealed class Acknowledgement
{
    [DataMember(Name = "outcome", Order = 1)]
    public string Outcome { get; set; } = string.Empty;

    [DataMember(Name = "trackingId", Order = 2, EmitDefaultValue = false)]
    public string? TrackingId { get; set; }

    [DataMember(Name = "status", Order = 3, EmitDefaultValue = false)]
    public string? Status { get; set; }

    [DataMember(Name = "replayed", Order = 4)]
    public bool Replayed { get; set; }

    [DataMember(Name = "code", Order = 5, EmitDefaultValue = false)]
    public string? Code { get; set; }

    [DataMember(Name = "message", Order = 6, EmitDefaultValue = false)]
    public string? Message { get; set; }

    [DataMember(Name = "errors", Order = 7, EmitDefaultValue = false)]
    public ErrorListXml? Errors { get; set; }

    [DataMember(Name = "allowedActions", Order = 8, EmitDefaultValue = false)]
    public StringListXml? AllowedActions { get; set; }
}
