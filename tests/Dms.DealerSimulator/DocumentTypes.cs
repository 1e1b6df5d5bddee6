namespace Dms.DealerSimulator;

/// <summary>The two dealer documents the simulator sends: every vehicle is retail-delivered (RDR), then claimed for.</summary>
public static class DocumentTypes
{
    public const string Rdr = "retail-delivery-report";
    public const string Claim = "warranty-claim";

    public static string Route(string documentType) => documentType == Rdr ? "retail-delivery-reports" : "warranty-claims";
}
