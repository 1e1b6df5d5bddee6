using System.Text.Json;
using Dms.Hub.Common;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Workflow;

/// <summary>
/// Copies of documents this process committed or read recently, each with the ETag of the stored version it matches,
/// so the next step of a document's life (its delivery, the OEM's next event) need not read it again.
/// </summary>
/// <remarks>
/// A copy is only ever used to plan a change that is committed under its ETag: if the document changed meanwhile
/// (another instance, another step) the commit fails and the step re-reads and re-plans. Decisions not to change
/// anything (a refusal, "nothing left to do") are confirmed on a fresh read before they count. So the cache needs no
/// invalidation across instances: each instance in Azure keeps its own, and a stale copy costs one failed batch and
/// one read, never a lost update. Copies are stored serialized (every use gets its own instance), bounded by count
/// (two generations of <see cref="DocumentCacheOptions.MaxEntries"/>) and age.
/// </remarks>
public sealed class DocumentCache(IOptions<DocumentCacheOptions> options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly int _maxEntries = options.Value.MaxEntries;
    private readonly TimeSpan _maxAge = TimeSpan.FromSeconds(options.Value.MaxAgeSeconds);
    private Dictionary<string, Entry> _current = new(StringComparer.Ordinal);
    private Dictionary<string, Entry> _previous = new(StringComparer.Ordinal);

    /// <summary>Keeps a copy of a document as stored (its ETag set); replaces any older copy. Returns the copy, serialized.</summary>
    public byte[] Put(DocumentRecord document)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document, HubJson.Options);
        if (_maxEntries == 0 || document.ETag is null)
        {
            return json;
        }

        var entry = new Entry(json, clock.GetUtcNow());
        lock (_gate)
        {
            if (_current.Count >= _maxEntries)
            {
                // The oldest generation goes as a whole: O(1) eviction, and a copy lives at least one generation.
                (_previous, _current) = (_current, new Dictionary<string, Entry>(StringComparer.Ordinal));
            }

            _current[document.TrackingId] = entry;
            _previous.Remove(document.TrackingId);
        }

        return json;
    }

    /// <summary>A private copy of the document as last stored by (or read into) this process, if recent.</summary>
    public DocumentRecord? Get(DocumentKey key)
    {
        Entry? entry;
        lock (_gate)
        {
            if (!_current.TryGetValue(key.TrackingId, out entry) && !_previous.TryGetValue(key.TrackingId, out entry))
            {
                return null;
            }
        }

        if (clock.GetUtcNow() - entry.StoredAt > _maxAge)
        {
            return null;
        }

        var document = JsonSerializer.Deserialize<DocumentRecord>(entry.Json, HubJson.Options);
        return document is not null && document.DealerCode == key.DealerCode && document.DocumentType == key.DocumentType ? document : null;
    }

    private sealed record Entry(byte[] Json, DateTimeOffset StoredAt);
}
