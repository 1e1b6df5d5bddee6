using System.ComponentModel.DataAnnotations;

namespace Dms.Functions.Startup;

/// <summary>Demo data for <c>./dms run</c> (section <c>Dms:Demo</c>). Never enabled in a real deployment.</summary>
public sealed class DemoOptions
{
    public const string Section = "Dms:Demo";

    public bool Enabled { get; set; }

    [Range(1, 999)]
    public int DealerCount { get; set; } = 20;

    /// <summary>Vehicles sold by demo dealers (accepted RDRs) so claims have warranty records from the start.</summary>
    [Range(0, 1000)]
    public int SeedVehicles { get; set; } = 12;

    /// <summary>Days of generated history (every document type, failures and dead letters included) so the console's charts show something real; 0 for none.</summary>
    [Range(0, 366)]
    public int HistoryDays { get; set; } = 30;
}
