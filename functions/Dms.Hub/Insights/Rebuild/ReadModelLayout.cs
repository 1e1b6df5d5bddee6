namespace Dms.Hub.Insights.Rebuild;

/// <summary>
/// The version of the read model's layout (listing, dealer-week and search tables, open sets, counter rows) this code
/// reads and writes. A store records the version its read model was last rebuilt in (<see cref="IReadModelMaintenance"/>);
/// a store without it, or with an older one, is rebuilt from its documents before the projector runs
/// (<see cref="ReadModelUpkeep"/>). <b>Bump it with every change to what those rows hold or where they are</b>: a store
/// projected before the change would otherwise show partial data without saying so.
/// </summary>
/// <remarks>
/// History: 1 — session 11 (six-hour and dealer-week listing tables with a document's two rows in one partition,
/// search-key buckets in 4 partitions, open sets a table each, week and dealer-health counter rows). Stores from before
/// session 11 carry no version and are rebuilt. 2 — session 14: region six-hour listing tables (<c>listr…</c>, a copy
/// of every document's listing rows under its region), four-week counter rows beside the week rows, and a copy of the
/// dealers' health rows and gauges in <c>insightsdealercounts</c>. 3 — session 15: a district's dealers side by side
/// in counter rows of their own (<see cref="DistrictDealerRows"/>, scope <c>k:</c>).
/// </remarks>
public static class ReadModelLayout
{
    public const int Version = 3;
}
