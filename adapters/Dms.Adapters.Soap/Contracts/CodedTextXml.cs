using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "codedText")]
public sealed class CodedTextXml
{
    [DataMember(Name = "code", Order = 1)]
    public string? Code { get; set; }

    [DataMember(Name = "text", Order = 2, EmitDefaultValue = false)]
    public string? Text { get; set; }
}
