using System.Globalization;

namespace Dms.Hub.Sales;

/// <summary>Row keys of the rollup store: aggregates per basis and month or day, contributions per document, the shard's version.</summary>
public static class SalesRowKeys
{
    public static string Month(string basis, DateOnly date) => $"m|{basis}|{date.ToString("yyyy-MM", CultureInfo.InvariantCulture)}";

    public static string Day(string basis, DateOnly date) => $"d|{basis}|{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public static string Contribution(string trackingId) => "c|" + trackingId;

    /// <summary>The shard's version row (see <see cref="ISalesRollupStore.GetVersionAsync"/>).</summary>
    public const string Version = "v";
}
