using Azure.Data.Tables;
using Dms.Hub.Workflow;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Which columns a document's row holds under a given ETag — remembered when the row is read or written here — so
/// the next write of the document can be a merge instead of a replace when it writes every one of those columns
/// again (then both leave the same row).
/// </summary>
/// <remarks>
/// Why: Azurite (LokiJS) replaces a row by a remove and an insert, and a remove walks both key indexes of the whole
/// table once more to shift every position after it; a merge updates the row in place. A file of one dealer keeps
/// every document, payload, key and mailbox row of that dealer in one partition of one table (≈ 4 rows a document),
/// so each status change (the delivery's, every OEM event's) cost time proportional to everything the dealer ever
/// sent. On Azure both are one operation under the same If-Match.
/// Kept by tracking ID and ETag, not by record: the hub plans on copies (DocumentCache deserializes one per use), and
/// an ETag names one stored version of the row whatever copy carries it. Bounded like DocumentCache (two generations);
/// a row not known here (forgotten, written by another instance) or whose new version lacks a stored column (a summary
/// field gone, fewer body chunks) is replaced, as before.
/// </remarks>
internal static class StoredColumns
{
    private const int MaxEntries = 8192;

    private static readonly Lock Gate = new();

    // Not the row's own data; and the commit token, which the batch puts on its first write (the document's, when it
    // writes one: ChangeBatch) after this check — it is rewritten all the same.
    private static readonly HashSet<string> SystemColumns = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag", CommitLanding.TokenColumn };

    private static Dictionary<string, Shape> _current = new(StringComparer.Ordinal);
    private static Dictionary<string, Shape> _previous = new(StringComparer.Ordinal);

    /// <summary>Remembers that <paramref name="document"/>'s row holds <paramref name="row"/>'s columns under <paramref name="etag"/>.</summary>
    public static void Remember(DocumentRecord document, TableEntity row, string? etag)
    {
        var shape = etag is null ? null : new Shape(etag, [.. Written(row).Select(string.Intern)]);
        lock (Gate)
        {
            _previous.Remove(document.TrackingId);
            if (shape is null)
            {
                _current.Remove(document.TrackingId);
                return;
            }

            if (_current.Count >= MaxEntries)
            {
                (_previous, _current) = (_current, new Dictionary<string, Shape>(StringComparer.Ordinal));
            }

            _current[document.TrackingId] = shape;
        }
    }

    /// <summary>
    /// True when writing <paramref name="row"/> as a merge leaves exactly the row a replace would: the stored columns
    /// are known for the document's current ETag and <paramref name="row"/> writes each of them.
    /// </summary>
    public static bool MergeEqualsReplace(DocumentRecord document, TableEntity row)
    {
        Shape? shape;
        lock (Gate)
        {
            if (!_current.TryGetValue(document.TrackingId, out shape) && !_previous.TryGetValue(document.TrackingId, out shape))
            {
                return false;
            }
        }

        if (document.ETag is not { } etag || shape.ETag != etag)
        {
            return false;
        }

        var written = Written(row).ToHashSet(StringComparer.Ordinal);
        return shape.Columns.All(written.Contains);
    }

    // A null value is not stored: a merge would leave the old value where a replace removes the column.
    private static IEnumerable<string> Written(TableEntity row) =>
        row.Where(p => p.Value is not null && !SystemColumns.Contains(p.Key) && !p.Key.EndsWith("@odata.type", StringComparison.Ordinal)).Select(p => p.Key);

    private sealed record Shape(string ETag, string[] Columns);
}
