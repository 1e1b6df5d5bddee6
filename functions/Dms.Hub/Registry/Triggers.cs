namespace Dms.Hub.Registry;

/// <summary>Triggers the hub itself fires (dealer commands and OEM events name their own).</summary>
public static class Triggers
{
    /// <summary>A destination refused the document for good (4xx).</summary>
    public const string DeliveryRejected = "DeliveryRejected";
}
