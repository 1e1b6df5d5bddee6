using Dms.Hub.Dealers;
using Dms.Hub.Registry;

namespace Dms.Hub.Tests;

internal static class Contexts
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    public static Dealer Dealer { get; } = new() { Code = "D001", Name = "Test", Region = "East", Brand = "Aurora" };

    public static RuleContext Rule(bool resubmission = false) =>
        new(Dealer, Now, new ReservationHolder("D001", "warranty-claim", "WC-1"), resubmission);
}
