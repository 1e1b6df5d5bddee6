using Dms.Hub.Registry;
using static Dms.Hub.RetailDeliveries.RetailDeliveryStates;

namespace Dms.Hub.RetailDeliveries;

/// <summary>
/// The hub checks an RDR synchronously, so a stored report starts Accepted (the vehicle is retailed, its warranty
/// starts). Accepted → Unwound directly, or → UnwindPending → Unwound | UnwindRejected when the OEM must approve.
/// </summary>
public static class RetailDeliveryLifecycle
{
    public const string ReportedMessage = "RetailDeliveryReported";
    public const string UnwoundMessage = "RetailDeliveryUnwound";
    public const string UnwindRequestedMessage = "RetailDeliveryUnwindRequested";

    public static StateMachine Machine { get; } = new(Accepted,
    [
        new(Accepted, "Unwind", Unwound, UnwoundMessage),
        new(Accepted, "RequestUnwind", UnwindPending, UnwindRequestedMessage),
        new(Accepted, Triggers.DeliveryRejected, Rejected),
        new(UnwindPending, "UnwindApproved", Unwound),
        new(UnwindPending, "UnwindRejected", UnwindRejected),
    ]);
}
