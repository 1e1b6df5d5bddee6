using System.Runtime.Serialization;

namespace Dms.Adapters.Soap.Contracts;

[DataContract(Namespace = SoapNamespaces.Dealer, Name = "laborLine")]
public sealed class LaborLineXml
{
    [DataMember(Name = "operationCode", Order = 1)]
    public string? OperationCode { get; set; }

    [DataMember(Name = "hours", Order = 2)]
    public decimal? Hours { get; set; }

    [DataMember(Name = "rate", Order = 3)]
    public MoneyXml? Rate { get; set; }

    [DataMember(Name = "technicianId", Order = 4, EmitDefaultValue = false)]
    public string? TechnicianId { get; set; }
}
