using System.Globalization;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Where a listing page ends: the listing table (its start: six-hour or dealer-week) and the last row key returned, as an opaque token.</summary>
internal static class ListingCursor
{
    /// <summary>
    /// The hours one listing table holds: a bounded table per query (at a million documents a month, ≈ 8,300 documents)
    /// without making a narrow filter over a month read hundreds of tables (120 at most).
    /// </summary>
    public const int HoursPerTable = 6;

    private const string HourFormat = "yyyyMMddHH";

    public static string Encode(DateTimeOffset hour, string key) =>
        ContinuationTokens.Encode($"{hour.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture)}|{key}")!;

    /// <summary>Throws <see cref="FormatException"/> for a token it did not issue.</summary>
    public static (DateTimeOffset? Hour, string? Key) Decode(string? token)
    {
        var text = ContinuationTokens.Decode(token);
        if (text is null)
        {
            return (null, null);
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar != HourFormat.Length || !DateTime.TryParseExact(text[..bar], HourFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var hour))
        {
            throw new FormatException("Unknown continuation token.");
        }

        return (new DateTimeOffset(hour, TimeSpan.Zero), text[(bar + 1)..]);
    }

    /// <summary>The first hour of the listing table that holds <paramref name="at"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour - (utc.Hour % HoursPerTable), 0, 0, TimeSpan.Zero);
    }
}
