using Dms.Hub.Common;
using Dms.Hub.WarrantyClaims;

namespace Dms.Hub.Tests.WarrantyClaims;

/// <summary>A valid claim (rules pass with <see cref="Policy"/>) to vary one field at a time.</summary>
internal static class Claims
{
    public static WarrantyClaim Valid => new()
    {
        DealerClaimNumber = "WC-1",
        ClaimType = "Warranty",
        Vin = "1HGCM82633A004352",
        RepairOrder = new RepairOrder("RO-1", Contexts.Today.AddDays(-2), Contexts.Today.AddDays(-1), new Distance(18000, "km")),
        Complaint = new CodedText("C100", null),
        Cause = new CodedText("K210", null),
        Correction = new CodedText("R300", null),
        LaborLines = [new LaborLine("EN1001", 1.5m, Usd(9500), "T1")],
        PartLines = [new PartLine("19200-5A2-A01", 1, Usd(12000), true)],
        ClaimedTotal = Usd(26250),
    };

    public static WarrantyClaimOptions Policy => new()
    {
        LaborOperations = new() { ["EN1001"] = 1.5m, ["EN1002"] = 0.3m },
        LaborHoursTolerancePercent = 10,
        MaxLaborRates = new() { ["USD"] = 20000 },
        PreAuthorizationThreshold = 250_000,
        FilingWindowDays = 30,
    };

    public static Money Usd(long amount) => new(amount, "USD");
}
