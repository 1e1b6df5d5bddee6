using Dms.Hub.Dealers;

namespace Dms.Hub.Registry;

/// <summary>What a rule may know beyond the document: who sends it and when, and whether it replaces an earlier version.</summary>
public sealed record RuleContext(Dealer Dealer, DateTimeOffset Now, ReservationHolder Holder, bool IsResubmission = false)
{
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
}
