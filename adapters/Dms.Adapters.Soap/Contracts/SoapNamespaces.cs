namespace Dms.Adapters.Soap.Contracts;

/// <summary>The published XML namespaces. Versioned: a breaking change gets a new namespace, never an edit.</summary>
public static class SoapNamespaces
{
    public const string Dealer = "urn:dms:dealer:v1";
    public const string Callback = "urn:dms:dealer-callback:v1";
}
