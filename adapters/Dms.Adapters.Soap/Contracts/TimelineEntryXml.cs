using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "timelineEntry")]
public sealed class TimelineEntryXml
{
    [DataMember(Name = "sequence", Order = 1)]
    public int Sequence { get; set; }

    [DataMember(Name = "at", Order = 2)]
    public DateTime At { get; set; }

    [DataMember(Name = "event", Order = 3)]
    public string Event { get; set; } = string.Empty;

    [DataMember(Name = "from", Order = 4, EmitDefaultValue = false)]
    public string? From { get; set; }

    [DataMember(Name = "to", Order = 5, EmitDefaultValue = false)]
    public string? To { get; set; }

    [DataMember(Name = "actor", Order = 6)]
    public string Actor { get; set; } = string.Empty;

    [DataMember(Name = "channel", Order = 7)]
    public string Channel { get; set; } = string.Empty;
}
