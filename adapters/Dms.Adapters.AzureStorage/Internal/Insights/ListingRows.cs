using System.Globalization;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// A document's listing rows in its submission day's table: partition <c>n</c> keyed newest first (inverted time) and
/// partition <c>o</c> oldest first, both ending in the tracking ID, so either order pages natively. Both carry the
/// filter columns; only <c>n</c> carries the facts (the projector's last version, and what a list shows) — an oldest-first
/// page reads its rows' facts from <c>n</c> by point reads, so a document's facts are stored once.
/// </summary>
internal static class ListingRows
{
    public const string NewestFirst = "n";
    public const string OldestFirst = "o";
    private const long MaxMilliseconds = (1L << 48) - 1;

    public static DateTimeOffset SubmittedOf(string trackingId) => Ids.TimeOf(TrackingIds.UlidOf(trackingId));

    public static string Key(string partition, string trackingId) => Key(partition, SubmittedOf(trackingId)) + "|" + trackingId;

    /// <summary>The key prefix of a time (ms precision): a range bound.</summary>
    public static string Key(string partition, DateTimeOffset at)
    {
        var ms = Math.Clamp(at.ToUnixTimeMilliseconds(), 0, MaxMilliseconds);
        return (partition == NewestFirst ? MaxMilliseconds - ms : ms).ToString("D15", CultureInfo.InvariantCulture);
    }

    public static IEnumerable<TableEntity> Entities(DocumentFacts facts) =>
        [Entity(NewestFirst, facts), Entity(OldestFirst, facts)];

    public static DocumentFacts? FromEntity(TableEntity entity) => FactsJson.Read(entity, "Facts");

    /// <summary>The tracking ID a listing row's key ends in.</summary>
    public static string TrackingIdOf(string rowKey) => rowKey[(rowKey.LastIndexOf('|') + 1)..];

    private static TableEntity Entity(string partition, DocumentFacts facts)
    {
        var entity = new TableEntity(partition, Key(partition, facts.TrackingId))
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

        if (partition == NewestFirst)
        {
            FactsJson.Write(entity, "Facts", facts);
        }

        return entity;
    }

    /// <summary>The row property of a summary field (names are plain identifiers).</summary>
    public static string FieldProperty(string name) => "F_" + name;
}
