using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Which listing tables hold a document and which ones a query reads. Every document's listing rows are written three
/// times: to its six hours' table (all dealers), to its region's six-hour table and to its dealer's week table. A query
/// that names a dealer reads the dealer's weeks; one that names a region (or a regional manager's) reads the region's
/// six-hour tables; any other reads the six-hour tables of all regions.
/// </summary>
/// <remarks>
/// Why copies: Azurite answers every query that is not a point read by walking the whole table (an interpreted filter
/// per row) and sorting the matches, so a query costs in proportion to the rows of the tables it reads, not to what it
/// finds. A dealer filter over a week scanned 28 six-hour tables of all dealers (session 9, 600,000 documents: 267 ms
/// of Azurite CPU for a dealer's week export); a dealer's week table holds that dealer's rows only (at a million
/// documents a month over 200 dealers, ≈ 2,300 rows). A region filter that finds few rows read every six-hour table of
/// the period whole (session 13, 1,000,000: region + status 708 ms p95, 456 ms of Azurite CPU); a region's six-hour
/// table holds a fifth of them with five regions. Key ranges would not do it on Azurite (it walks the table whatever
/// the range), and on Azure Table Storage reading a copy is a partition range as before. A copy costs its rows' space
/// and one more transaction per table and projector pass; a document's region can change (its dealer moved), so the
/// projector removes the copy under the old region (<see cref="TableListingStore.PutAsync"/>).
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
    public static ListingLayout? For(TableSet tables, DocumentFilter filter) => filter switch
    {
        { DealerCode: { } dealer } => DealerCodes.IsValid(dealer) ? ByDealer(tables, dealer) : null,
        { Region: { } region } => ByRegion(tables, region),
        _ => ByHours(tables),
    };

    public static ListingLayout ByHours(TableSet tables) =>
        new(TimeSpan.FromHours(ListingCursor.HoursPerTable), ListingCursor.Floor, tables.Listing);

    /// <summary>A region's six-hour tables: the same starts as <see cref="ByHours"/>, so a page token carries over.</summary>
    public static ListingLayout ByRegion(TableSet tables, string region) =>
        new(TimeSpan.FromHours(ListingCursor.HoursPerTable), ListingCursor.Floor, start => tables.RegionListing(region, start));

    public static ListingLayout ByDealer(TableSet tables, string dealerCode) =>
        new(Week, WeekOf, start => tables.DealerListing(dealerCode, start));

    /// <summary>The Monday 00:00 UTC that starts the week holding <paramref name="at"/>.</summary>
    public static DateTimeOffset WeekOf(DateTimeOffset at) =>
        FirstMonday.AddDays(Math.Floor((at - FirstMonday).TotalDays / 7) * 7);

    /// <summary>
    /// The tables a document's rows go to, the copies (dealer week, region six hours) first: the six-hour row is what a
    /// projection compares the next change with, so it is written last — a crash in between leaves it old and the next
    /// pass rewrites them all.
    /// </summary>
    public static IEnumerable<TableClient> TablesOf(TableSet tables, DocumentFacts facts) => [.. CopiesOf(tables, facts), HomeOf(tables, facts)];

    /// <summary>The copies a filter by dealer or by region reads.</summary>
    public static IEnumerable<TableClient> CopiesOf(TableSet tables, DocumentFacts facts)
    {
        var submitted = ListingRows.SubmittedOf(facts.TrackingId);
        return [tables.DealerListing(facts.DealerCode, WeekOf(submitted)), tables.RegionListing(facts.Region, submitted)];
    }

    /// <summary>The six-hour table of all regions: a document's point read, and what its next projection compares with.</summary>
    public static TableClient HomeOf(TableSet tables, DocumentFacts facts) => tables.Listing(ListingRows.SubmittedOf(facts.TrackingId));

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
