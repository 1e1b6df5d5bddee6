namespace Dms.Hub.Intake;

/// <summary>What one attempt to take a reservation (or a pool's unit) came to.</summary>
internal enum ClaimOutcome
{
    Added,
    AlreadyHeld,
    Conflict,
}
