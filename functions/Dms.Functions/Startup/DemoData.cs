using System.Globalization;
using Dms.Hub.Common;

namespace Dms.Functions.Startup;

/// <summary>Deterministic demo dealers and vehicles; the same data on every start.</summary>
internal static class DemoData
{
    public static readonly string[] Regions = ["North", "South", "East", "West", "Central"];
    public static readonly string[] Brands = ["Aurora", "Borealis"];

    public static string DealerCode(int index) => "D" + index.ToString("D3", CultureInfo.InvariantCulture);

    public static string DealerKey(string code) => "demo-key-" + code;

    public static string SoapSecret(string code) => "demo-soap-" + code;

    /// <summary>A valid VIN (correct check digit) for seeded vehicle <paramref name="index"/>.</summary>
    public static string VinFor(int index) => Vin.WithCheckDigit($"LDMCV3H00SA{index:D6}");

    public static string Region(int dealerIndex) => Regions[dealerIndex % Regions.Length];

    /// <summary>Two districts per region: North-A, North-B …</summary>
    public static string District(int dealerIndex) => Region(dealerIndex) + "-" + ((dealerIndex / Regions.Length) % 2 == 0 ? "A" : "B");

    /// <summary>Dealers that are behind with their reports (the demo's late reporters).</summary>
    public static bool IsLate(int dealerIndex) => dealerIndex is 3 or 8 or 14 or 19;

    /// <summary>Demo dealers were onboarded long ago, so the calendar expects their past reports.</summary>
    public static readonly TimeSpan OnboardedBefore = TimeSpan.FromDays(400);

    public const string HqKey = "demo-key-HQ";
    public const string RegionalManagerKey = "demo-key-RM-EAST";

    /// <summary>The West regional manager and the West-A district manager: D003 (West-A, late) escalates to them.</summary>
    public const string WestManagerKey = "demo-key-RM-WEST";

    public const string WestADistrictManagerKey = "demo-key-DM-WEST-A";

    public static string Brand(int dealerIndex) => Brands[dealerIndex % Brands.Length];
}
