using System.Globalization;

namespace Dms.Hub.PeriodicReports;

/// <summary>A version's document number: <c>{period}.v{version}</c> (idempotent per dealer, kind, period and version).</summary>
public static class PeriodicReportNumbers
{
    public static string For(string period, int version) => $"{period}.v{version.ToString(CultureInfo.InvariantCulture)}";
}
