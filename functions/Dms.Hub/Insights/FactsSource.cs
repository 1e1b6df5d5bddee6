using System.Text.Json;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>
/// Builds the changed documents' facts as they stand now. A document this process committed at the marker's revision
/// is taken from the commit (the nudge's snapshot, else its <see cref="DocumentCache"/> copy) instead of read again:
/// the marker is completed under its ETag, so if the document changed after that revision the marker stays and the
/// newer version is projected next. Only documents found by a scan of the change feed (other instances, a restart)
/// are read.
/// </summary>
public sealed class FactsSource(IDocumentStore documents, DocumentCache cache, DealerDirectory dealers, FactsBuilder builder)
{
    /// <summary>Facts per marker; null when the document is gone (nothing to project).</summary>
    public async Task<IReadOnlyList<(ChangeMarker Marker, DocumentFacts? Facts)>> BuildAsync(IReadOnlyList<(ChangeMarker Marker, byte[]? Snapshot)> markers, CancellationToken cancellationToken) =>
        await Task.WhenAll(markers.Select(async taken =>
        {
            var marker = taken.Marker;
            var document = Committed(taken.Snapshot, marker)
                ?? (cache.Get(new DocumentKey(marker.DealerCode, marker.DocumentType, marker.TrackingId)) is { } copy && copy.Revision == marker.Revision ? copy : null)
                ?? await documents.GetAsync(marker.DealerCode, marker.DocumentType, marker.TrackingId, cancellationToken);
            if (document is null)
            {
                return (marker, (DocumentFacts?)null);
            }

            var dealer = await dealers.GetDealerAsync(document.DealerCode, cancellationToken);
            return (marker, builder.Build(document, dealer));
        }));

    private static DocumentRecord? Committed(byte[]? snapshot, ChangeMarker marker) =>
        snapshot is null ? null
            : JsonSerializer.Deserialize<DocumentRecord>(snapshot, HubJson.Options) is { } document && document.Revision == marker.Revision && document.TrackingId == marker.TrackingId ? document : null;
}
