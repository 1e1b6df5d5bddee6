using System.Globalization;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// A document's listing rows in each of its tables (<see cref="ListingLayout"/>): two rows in one partition, one keyed
/// newest first (<c>n</c> + inverted time) and one oldest first (<c>o</c> + time), both ending in the tracking ID, so
/// either order pages natively as a row-key range. Both carry the filter columns; only <c>n</c> carries the facts (the
/// projector's last version, and what a list shows) — an oldest-first page reads its rows' facts from <c>n</c> by point
/// reads, so a document's facts are stored once.
/// </summary>
/// <remarks>
/// One partition, not one per order: a document projected alone is one transaction per table, not two (the dealer's
/// week tables hold a few rows per dealer per projector cycle, so under load they paid two transactions for a handful
/// of rows too). Stores projected before session 11 kept the orders in partitions <c>n</c> and <c>o</c> (rebuild).
/// </remarks>
internal static class ListingRows
{
    /// <summary>The partition every listing row is in.</summary>
    public const string Partition = "l";

    public const string NewestFirst = "n";
    public const string OldestFirst = "o";
    private const long MaxMilliseconds = (1L << 48) - 1;

    public static DateTimeOffset SubmittedOf(string trackingId) => Ids.TimeOf(TrackingIds.UlidOf(trackingId));

    public static string Key(string order, string trackingId) => Key(order, SubmittedOf(trackingId)) + "|" + trackingId;

    /// <summary>The key prefix of a time (ms precision) in an order: a range bound.</summary>
    public static string Key(string order, DateTimeOffset at)
    {
        var ms = Math.Clamp(at.ToUnixTimeMilliseconds(), 0, MaxMilliseconds);
        return order + (order == NewestFirst ? MaxMilliseconds - ms : ms).ToString("D15", CultureInfo.InvariantCulture);
    }

    public static IEnumerable<TableEntity> Entities(DocumentFacts facts) =>
        [Entity(NewestFirst, facts), Entity(OldestFirst, facts)];

    /// <summary>
    /// What a newest-first row is read for: its keys and its facts as <see cref="FactsJson"/> writes them. A row written
    /// before the facts were compressed comes back without them, and the page reads it whole by its key.
    /// </summary>
    public static readonly IReadOnlyList<string> FactsColumns = ["PartitionKey", "RowKey", .. FactsJson.Columns(FactsProperty)];

    private const string FactsProperty = "Facts";

    public static DocumentFacts? FromEntity(TableEntity entity) => FactsJson.Read(entity, FactsProperty);

    /// <summary>The tracking ID a listing row's key ends in.</summary>
    public static string TrackingIdOf(string rowKey) => rowKey[(rowKey.LastIndexOf('|') + 1)..];

    private static TableEntity Entity(string order, DocumentFacts facts)
    {
        var entity = new TableEntity(Partition, Key(order, facts.TrackingId))
        {
            [nameof(DocumentFacts.DocumentType)] = facts.DocumentType,
            [nameof(DocumentFacts.Status)] = facts.Status,
            [nameof(DocumentFacts.DealerCode)] = facts.DealerCode,
            [nameof(DocumentFacts.Region)] = facts.Region,
            [nameof(DocumentFacts.Channel)] = facts.Channel,
            [nameof(DocumentFacts.Outcome)] = facts.Outcome,
            [nameof(DocumentFacts.ErrorCode)] = facts.ErrorCode,
            [nameof(DocumentFacts.AwaitingOem)] = facts.AwaitingOem,
            [nameof(DocumentFacts.Revision)] = facts.Revision,
        };
        foreach (var (name, value) in facts.Fields.Where(f => f.Key.All(char.IsAsciiLetterOrDigit)))
        {
            entity[FieldProperty(name)] = value; // the type's summary fields, filterable by the table itself
        }

        if (order == NewestFirst)
        {
            FactsJson.Write(entity, FactsProperty, facts);
        }

        return entity;
    }

    /// <summary>The row property of a summary field (names are plain identifiers).</summary>
    public static string FieldProperty(string name) => "F_" + name;
}
