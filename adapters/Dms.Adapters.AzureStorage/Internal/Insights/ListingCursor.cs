using System.Globalization;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Where a listing page ends: the day and the last row key returned, as an opaque token.</summary>
internal static class ListingCursor
{
    public static string Encode(DateTimeOffset day, string key) =>
        ContinuationTokens.Encode($"{day.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}|{key}")!;

    /// <summary>Throws <see cref="FormatException"/> for a token it did not issue.</summary>
    public static (DateTimeOffset? Day, string? Key) Decode(string? token)
    {
        var text = ContinuationTokens.Decode(token);
        if (text is null)
        {
            return (null, null);
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar != 8 || !DateTime.TryParseExact(text[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var day))
        {
            throw new FormatException("Unknown continuation token.");
        }

        return (new DateTimeOffset(day, TimeSpan.Zero), text[(bar + 1)..]);
    }

    /// <summary>The UTC days of the query's range in reading order, starting at <paramref name="resume"/> when given.</summary>
    public static IEnumerable<DateTimeOffset> Days(DocumentFilter query, DateTimeOffset? resume)
    {
        var first = new DateTimeOffset(query.From.UtcDateTime.Date, TimeSpan.Zero);
        var last = new DateTimeOffset(query.To.AddTicks(-1).UtcDateTime.Date, TimeSpan.Zero);
        if (query.OldestFirst)
        {
            for (var day = resume ?? first; day <= last; day = day.AddDays(1))
            {
                yield return day;
            }
        }
        else
        {
            for (var day = resume ?? last; day >= first; day = day.AddDays(-1))
            {
                yield return day;
            }
        }
    }
}
