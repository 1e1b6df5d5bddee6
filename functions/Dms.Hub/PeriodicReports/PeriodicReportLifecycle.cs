using Dms.Hub.Registry;

namespace Dms.Hub.PeriodicReports;

/// <summary>
/// One version of a periodic report. The hub validates it synchronously, so a stored version starts Accepted; a
/// newer version of the same period makes it Superseded (only the latest counts); the OEM may refuse it (Rejected).
/// The dealer × report × period status (Expected → Received → Accepted …) lives in its reporting slot.
/// </summary>
public static class PeriodicReportLifecycle
{
    public const string Accepted = "Accepted";
    public const string Superseded = "Superseded";
    public const string Rejected = "Rejected";
    public const string Supersede = "Supersede";

    public static StateMachine Machine { get; } = new(Accepted,
    [
        new(Accepted, Supersede, Superseded),
        new(Accepted, Triggers.DeliveryRejected, Rejected),
    ]);
}
