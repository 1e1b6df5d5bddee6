using System.Globalization;

namespace Dms.Hub.Sales;

/// <summary>Row keys of the rollup store: aggregates per basis and month or day, contributions per document.</summary>
public static class SalesRowKeys
{
    public static string Month(string basis, DateOnly date) => $"m|{basis}|{date.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    public static string Day(string basis, DateOnly date) => $"d|{basis}|{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string Contribution(string trackingId) => "c|" + trackingId;
}
