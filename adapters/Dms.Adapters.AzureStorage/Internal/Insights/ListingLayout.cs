using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Which listing tables hold a document and which ones a query reads. Every document's listing rows are written twice:
/// to its six hours' table (all dealers) and to its dealer's week table. A query that names a dealer reads the dealer's
/// weeks; any other reads the six-hour tables.
/// </summary>
/// <remarks>
/// Why a second copy: Azurite answers every range query by scanning the whole table and sorting the matches, so a dealer
/// filter over a week scanned 28 six-hour tables of all dealers (session 9, 600,000 documents: 267 ms of Azurite CPU for
/// a dealer's week export, 364 ms for a manager's one-dealer list). A dealer's week table holds that dealer's rows only
/// (at a million documents a month over 200 dealers, ≈ 2,300 rows), and on Azure Table Storage reading it is a partition
/// range as before. Weeks, not months, so a busy dealer's table stays small too.
/// </remarks>
internal sealed class ListingLayout
{
    /// <summary>Dealer weeks start on Mondays (UTC): 1970-01-05 was one.</summary>
    private static readonly DateTimeOffset FirstMonday = new(1970, 1, 5, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private readonly Func<DateTimeOffset, TableClient> _table;

    private ListingLayout(TimeSpan length, Func<DateTimeOffset, DateTimeOffset> floor, Func<DateTimeOffset, TableClient> table)
    {
        Length = length;
        Floor = floor;
        _table = table;
    }

    /// <summary>How much submission time one table holds.</summary>
    public TimeSpan Length { get; }

    /// <summary>The start of the table that holds a time.</summary>
    public Func<DateTimeOffset, DateTimeOffset> Floor { get; }

    /// <summary>The layout a query reads; null when it names a dealer code no document can carry (nothing to read).</summary>
    public static ListingLayout? For(TableSet tables, DocumentFilter filter) => filter.DealerCode switch
    {
        null => ByHours(tables),
        { } dealer when DealerCodes.IsValid(dealer) => ByDealer(tables, dealer),
        _ => null,
    };

    public static ListingLayout ByHours(TableSet tables) =>
        new(TimeSpan.FromHours(ListingCursor.HoursPerTable), ListingCursor.Floor, tables.Listing);

    public static ListingLayout ByDealer(TableSet tables, string dealerCode) =>
        new(Week, WeekOf, start => tables.DealerListing(dealerCode, start));

    /// <summary>The Monday 00:00 UTC that starts the week holding <paramref name="at"/>.</summary>
    public static DateTimeOffset WeekOf(DateTimeOffset at) =>
        FirstMonday.AddDays(Math.Floor((at - FirstMonday).TotalDays / 7) * 7);

    /// <summary>
    /// The tables a document's rows go to, the dealer's week first: the six-hour row is what a projection compares the
    /// next change with, so it is written last — a crash in between leaves it old and the next pass rewrites both.
    /// </summary>
    public static IEnumerable<TableClient> TablesOf(TableSet tables, DocumentFacts facts)
    {
        var submitted = ListingRows.SubmittedOf(facts.TrackingId);
        return [tables.DealerListing(facts.DealerCode, WeekOf(submitted)), tables.Listing(submitted)];
    }

    public TableClient Table(DateTimeOffset start) => _table(start);

    /// <summary>Whether a continuation token's table start is one of this layout's (a token from another layout is not).</summary>
    public bool IsStart(DateTimeOffset at) => Floor(at) == at;

    /// <summary>The tables (their starts) of the query's range in reading order, starting at <paramref name="resume"/> when given.</summary>
    public IEnumerable<DateTimeOffset> Tables(DocumentFilter query, DateTimeOffset? resume)
    {
        var first = Floor(query.From);
        var last = Floor(query.To.AddTicks(-1));
        if (query.OldestFirst)
        {
            for (var start = resume ?? first; start <= last; start += Length)
            {
                yield return start;
            }
        }
        else
        {
            for (var start = resume ?? last; start >= first; start -= Length)
            {
                yield return start;
            }
        }
    }
}
