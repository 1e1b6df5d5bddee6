using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Reading and changing the posting rows of one key (see <see cref="TableSearchIndex"/>).</summary>
internal static class PostingRow
{
    /// <summary>On a head row: how many pages follow (absent: none — most keys have one row, and on Azurite every property costs heap).</summary>
    public const string PagesProperty = "Pages";
    private const string RefPrefix = "t_";

    public static string PageKey(string row, int page) => $"{row}.{page}";

    public static IEnumerable<IndexRef> Refs(TableEntity entity) =>
        entity.Keys.Where(k => k.StartsWith(RefPrefix, StringComparison.Ordinal)).SelectMany(name =>
        {
            var tracking = TrackingOf(name);
            var parts = (entity.GetString(name) ?? string.Empty).Split('|');
            return parts.Length == 2 ? parts[1].Split(',').Select(kind => new IndexRef(tracking, parts[0], kind)) : [];
        });

    /// <summary>The writes that bring the key's rows in line with <paramref name="changes"/>: (entity, ETag to match, delete).</summary>
    public static List<(TableEntity Entity, ETag? ETag, bool Delete)> Plan(
        string partition, string row, IReadOnlyList<(TableEntity Entity, ETag ETag)> rows, IReadOnlyList<IndexChange> changes, int capacity)
    {
        var pages = rows.Select(r => (Entity: Copy(r.Entity), ETag: (ETag?)r.ETag, Changed: false)).ToList();
        if (pages.Count == 0)
        {
            pages.Add((new TableEntity(partition, row), null, true));
        }

        foreach (var change in changes)
        {
            var name = RefPrefix + change.Ref.TrackingId.Replace('-', '_');
            var at = pages.FindIndex(p => p.Entity.ContainsKey(name));
            if (change.Remove)
            {
                if (at >= 0 && Without(pages[at].Entity, name, change.Ref.Kind))
                {
                    pages[at] = pages[at] with { Changed = true };
                }

                continue;
            }

            if (at < 0)
            {
                at = pages.FindIndex(p => p.Entity.Keys.Count(k => k.StartsWith(RefPrefix, StringComparison.Ordinal)) < capacity);
                if (at < 0)
                {
                    pages.Add((new TableEntity(partition, PageKey(row, pages.Count)), null, true));
                    pages[0].Entity[PagesProperty] = pages.Count - 1;
                    pages[0] = pages[0] with { Changed = true };
                    at = pages.Count - 1;
                }
            }

            if (With(pages[at].Entity, name, change.Ref))
            {
                pages[at] = pages[at] with { Changed = true };
            }
        }

        // A head row left without references (and without pages) is deleted; emptied pages stay as they are cheap.
        var headEmpty = pages.Count == 1 && !pages[0].Entity.Keys.Any(k => k.StartsWith(RefPrefix, StringComparison.Ordinal));
        return pages.Where(p => p.Changed).Select(p => (p.Entity, p.ETag, headEmpty && p.ETag is not null))
            .Where(p => !(headEmpty && p.ETag is null)).ToList();
    }

    private static bool With(TableEntity entity, string name, IndexRef reference)
    {
        var current = entity.GetString(name);
        var kinds = current is null ? [] : current.Split('|')[^1].Split(',').ToList();
        if (kinds.Contains(reference.Kind))
        {
            return false;
        }

        kinds.Add(reference.Kind);
        entity[name] = $"{reference.DocumentType}|{string.Join(',', kinds.Order(StringComparer.Ordinal))}";
        return true;
    }

    private static bool Without(TableEntity entity, string name, string kind)
    {
        var parts = (entity.GetString(name) ?? string.Empty).Split('|');
        var kinds = parts.Length == 2 ? parts[1].Split(',').Where(k => k != kind).ToList() : [];
        if (kinds.Count == 0)
        {
            entity.Remove(name);
        }
        else
        {
            entity[name] = $"{parts[0]}|{string.Join(',', kinds)}";
        }

        return true;
    }

    private static string TrackingOf(string property)
    {
        var body = property[RefPrefix.Length..];
        var underscore = body.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? body : body[..underscore] + "-" + body[(underscore + 1)..];
    }

    private static TableEntity Copy(TableEntity source)
    {
        var copy = new TableEntity(source.PartitionKey, source.RowKey);
        foreach (var (name, value) in source)
        {
            if (name is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp"))
            {
                copy[name] = value;
            }
        }

        return copy;
    }
}
