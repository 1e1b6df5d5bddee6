using Dms.Hub.Dealers;
using Dms.Hub.Storage;

namespace Dms.Hub.Insights;

/// <summary>Reads the changed documents named by markers and builds their facts as they stand now.</summary>
public sealed class FactsSource(IDocumentStore documents, DealerDirectory dealers, FactsBuilder builder)
{
    /// <summary>Facts per marker; null when the document is gone (nothing to project).</summary>
    public async Task<IReadOnlyList<(ChangeMarker Marker, DocumentFacts? Facts)>> BuildAsync(IReadOnlyList<ChangeMarker> markers, CancellationToken cancellationToken) =>
        await Task.WhenAll(markers.Select(async marker =>
        {
            var document = await documents.GetAsync(marker.DealerCode, marker.DocumentType, marker.TrackingId, cancellationToken);
            if (document is null)
            {
                return (marker, (DocumentFacts?)null);
            }

            var dealer = await dealers.GetDealerAsync(document.DealerCode, cancellationToken);
            return (marker, builder.Build(document, dealer));
        }));
}
