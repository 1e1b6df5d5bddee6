namespace Dms.Testing.Soap.Contract;

/// <summary>The WSDL's target namespace and the soapAction prefix of its operations.</summary>
public static class Ns
{
    public const string Dealer = "urn:dms:dealer:v1";
    public const string Actions = Dealer + "/DealerService/";
}
