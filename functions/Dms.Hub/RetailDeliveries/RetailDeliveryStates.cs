namespace Dms.Hub.RetailDeliveries;

public static class RetailDeliveryStates
{
    public const string Accepted = "Accepted";
    public const string Rejected = "Rejected";
    public const string UnwindPending = "UnwindPending";
    public const string Unwound = "Unwound";
    public const string UnwindRejected = "UnwindRejected";
}
