using Azure;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Reading and changing the rows of one key bucket (see <see cref="TableSearchIndex"/>): one property per key and
/// document, <c>t{tag}_{trackingId}</c> = <c>{type}|{kinds}</c>, where the tag tells the bucket's keys apart. A
/// reference removed leaves its property empty (a merge cannot delete a property; emptied ones are few — keys are
/// seldom taken off a document — and a re-added reference reuses its property).
/// </summary>
internal static class PostingRow
{
    /// <summary>On a head row: how many pages follow (absent: none).</summary>
    public const string PagesProperty = "Pages";
    private const string RefMark = "t";

    public static string PageKey(string row, int page) => $"{row}.{page}";

    public static string Name(string tag, string trackingId) => $"{RefMark}{tag}_{trackingId.Replace('-', '_')}";

    /// <summary>The references of the key tagged <paramref name="tag"/> held in <paramref name="entity"/>.</summary>
    public static IEnumerable<IndexRef> Refs(TableEntity entity, string tag)
    {
        var prefix = RefMark + tag + "_";
        foreach (var (name, value) in entity)
        {
            var parts = name.StartsWith(prefix, StringComparison.Ordinal) && value is string { Length: > 0 } text ? text.Split('|') : [];
            if (parts.Length == 2)
            {
                var tracking = TrackingOf(name[prefix.Length..]);
                foreach (var kind in parts[1].Split(','))
                {
                    yield return new IndexRef(tracking, parts[0], kind);
                }
            }
        }
    }

    /// <summary>
    /// The writes that bring the bucket's rows in line with <paramref name="changes"/>: a row not stored yet is added
    /// whole; a stored one gets only its changed properties, merged on the ETag it was read or written with.
    /// <paramref name="rows"/> is the head first, then all its pages or only the last (a new page is numbered after the
    /// head's count); a reference held twice (added again while only the last page was known) changes in every copy.
    /// </summary>
    public static List<PageWrite> Plan(
        string partition, string row, IReadOnlyList<(TableEntity Entity, ETag ETag)> rows, IEnumerable<(string Name, IndexRef Ref, bool Remove)> changes, int capacity)
    {
        var pages = rows.Select(r => new Page(r.Entity, r.ETag)).ToList();
        if (pages.Count == 0)
        {
            pages.Add(new Page(new TableEntity(partition, row), null));
        }

        var where = new Dictionary<string, int>(StringComparer.Ordinal);
        Dictionary<string, List<int>>? copies = null;
        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var name in pages[i].Entity.Keys.Where(IsRef))
            {
                if (!where.TryAdd(name, i))
                {
                    copies ??= new(StringComparer.Ordinal);
                    (copies.TryGetValue(name, out var more) ? more : copies[name] = []).Add(i);
                }

                pages[i].Count++;
            }
        }

        var open = 0;
        var last = pages[0].Entity.GetInt32(PagesProperty) ?? 0;
        foreach (var (name, reference, remove) in changes)
        {
            if (where.TryGetValue(name, out var at))
            {
                Set(pages[at], name, Kinds(pages[at].Entity.GetString(name), reference, remove));
                foreach (var copy in copies?.GetValueOrDefault(name) ?? [])
                {
                    Set(pages[copy], name, Kinds(pages[copy].Entity.GetString(name), reference, remove));
                }

                continue;
            }

            if (remove)
            {
                continue;
            }

            // Pages fill in order and properties are never deleted, so the first page with room only moves forward.
            while (open < pages.Count && pages[open].Count >= capacity)
            {
                open++;
            }

            if (open == pages.Count)
            {
                pages.Add(new Page(new TableEntity(partition, PageKey(row, ++last)), null));
                Set(pages[0], PagesProperty, last);
            }

            Set(pages[open], name, Kinds(null, reference, remove: false));
            pages[open].Count++;
            where[name] = open;
        }

        return pages.Where(p => p.Changes.Count > 0).Select(p => new PageWrite(p.Entity, p.ETag is null ? p.Entity : Delta(p), p.ETag)).ToList();
    }

    /// <summary>How many references <paramref name="entity"/> holds (emptied ones included: their properties stay).</summary>
    public static int RefCount(TableEntity entity) => entity.Keys.Count(IsRef);

    private static bool IsRef(string name) => name.StartsWith(RefMark, StringComparison.Ordinal);

    private static string Kinds(string? current, IndexRef reference, bool remove)
    {
        var parts = string.IsNullOrEmpty(current) ? [] : current.Split('|');
        var kinds = parts.Length == 2 ? parts[1].Split(',').ToList() : [];
        kinds.Remove(reference.Kind);
        if (!remove)
        {
            kinds.Add(reference.Kind);
        }

        var type = parts.Length == 2 ? parts[0] : reference.DocumentType;
        return kinds.Count == 0 ? string.Empty : $"{type}|{string.Join(',', kinds.Order(StringComparer.Ordinal))}";
    }

    private static void Set(Page page, string name, object value)
    {
        if (!Equals(page.Entity.TryGetValue(name, out var current) ? current : null, value))
        {
            page.Writable()[name] = value;
            page.Changes.Add(name);
        }
    }

    private static TableEntity Delta(Page page)
    {
        var delta = new TableEntity(page.Entity.PartitionKey, page.Entity.RowKey);
        foreach (var name in page.Changes)
        {
            delta[name] = page.Entity[name];
        }

        return delta;
    }

    private static string TrackingOf(string body)
    {
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

    /// <summary>A row being planned: a stored row is copied only when it changes (a hot key's bucket has hundreds of pages).</summary>
    private sealed class Page(TableEntity entity, ETag? etag)
    {
        private bool _copied = etag is null;

        public TableEntity Entity { get; private set; } = entity;

        public ETag? ETag { get; } = etag;

        public TableEntity Writable()
        {
            if (!_copied)
            {
                Entity = Copy(Entity);
                _copied = true;
            }

            return Entity;
        }

        public int Count { get; set; }

        public HashSet<string> Changes { get; } = new(StringComparer.Ordinal);
    }
}

/// <summary>One row's write: <see cref="Row"/> is the row as it will be stored; <see cref="Changes"/> what is sent
/// (the whole row when <see cref="ETag"/> is null — a new row, added — else its changed properties, merged).</summary>
internal sealed record PageWrite(TableEntity Row, TableEntity Changes, ETag? ETag);
