using Dms.Hub.Dealers;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Hub.Insights;

/// <summary>
/// Reads the changed documents named by markers and builds their facts as they stand now. A document this process
/// committed at the marker's revision is taken from its <see cref="DocumentCache"/> copy instead of read again: the
/// marker is completed under its ETag, so if the document changed after that revision the marker stays and the
/// newer version is projected next.
/// </summary>
public sealed class FactsSource(IDocumentStore documents, DocumentCache cache, DealerDirectory dealers, FactsBuilder builder)
{
    /// <summary>Facts per marker; null when the document is gone (nothing to project).</summary>
    public async Task<IReadOnlyList<(ChangeMarker Marker, DocumentFacts? Facts)>> BuildAsync(IReadOnlyList<ChangeMarker> markers, CancellationToken cancellationToken) =>
        await Task.WhenAll(markers.Select(async marker =>
        {
            var document = cache.Get(new DocumentKey(marker.DealerCode, marker.DocumentType, marker.TrackingId)) is { } copy && copy.Revision == marker.Revision
                ? copy
                : await documents.GetAsync(marker.DealerCode, marker.DocumentType, marker.TrackingId, cancellationToken);
            if (document is null)
            {
                return (marker, (DocumentFacts?)null);
            }

            var dealer = await dealers.GetDealerAsync(document.DealerCode, cancellationToken);
            return (marker, builder.Build(document, dealer));
        }));
}
