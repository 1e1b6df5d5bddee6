using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Dms.Hub.Workflow;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Which columns a document's row holds under the ETag the record carries — remembered for the record as it was read
/// or as its commit wrote it — so the next write of the document can be a merge instead of a replace when it writes
/// every one of those columns again (then both leave the same row).
/// </summary>
/// <remarks>
/// Why: Azurite (LokiJS) replaces a row by a remove and an insert, and a remove walks both key indexes of the whole
/// table once more to shift every position after it; a merge updates the row in place. A file of one dealer keeps
/// every document, payload, key and mailbox row of that dealer in one partition of one table (≈ 4 rows a document),
/// so each status change (the delivery's, every OEM event's) cost time proportional to everything the dealer ever
/// sent. On Azure both are one operation under the same If-Match. A record not known here (copied, built elsewhere)
/// or whose new row lacks a stored column (a summary field gone, fewer body chunks) is replaced, as before.
/// </remarks>
internal static class StoredColumns
{
    private static readonly ConditionalWeakTable<DocumentRecord, Shape> Shapes = new();

    // Not the row's own data; and the commit token, which the batch puts on its first write (the document's, when it
    // writes one: ChangeBatch) after this check — it is rewritten all the same.
    private static readonly HashSet<string> SystemColumns = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag", CommitLanding.TokenColumn };

    /// <summary>Remembers that <paramref name="document"/>'s row holds <paramref name="row"/>'s columns under <paramref name="etag"/>.</summary>
    public static void Remember(DocumentRecord document, TableEntity row, string? etag)
    {
        if (etag is null)
        {
            Shapes.Remove(document);
            return;
        }

        Shapes.AddOrUpdate(document, new Shape(etag, [.. Written(row)]));
    }

    /// <summary>
    /// True when writing <paramref name="row"/> as a merge leaves exactly the row a replace would: the record's stored
    /// columns are known for its current ETag and <paramref name="row"/> writes each of them.
    /// </summary>
    public static bool MergeEqualsReplace(DocumentRecord document, TableEntity row)
    {
        if (document.ETag is not { } etag || !Shapes.TryGetValue(document, out var shape) || shape.ETag != etag)
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
