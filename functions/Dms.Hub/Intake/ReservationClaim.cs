namespace Dms.Hub.Intake;

/// <summary>What one attempt to take a reservation came to.</summary>
internal enum ReservationClaim
{
    Added,
    AlreadyHeld,
    Conflict,
}
