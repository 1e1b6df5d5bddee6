using Azure.Data.Tables;
using Dms.Hub.Insights;
using Dms.Hub.Workflow;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Change-feed markers (<c>f|{trackingId}</c>) in the document's own partition.</summary>
internal static class ChangeFeedRows
{
    public static TableEntity Marker(string partition, DocumentRecord document) => new(partition, RowKeys.ChangeMarker(document.TrackingId))
    {
        [nameof(ChangeMarker.DealerCode)] = document.DealerCode,
        [nameof(ChangeMarker.DocumentType)] = document.DocumentType,
        [nameof(ChangeMarker.TrackingId)] = document.TrackingId,
        [nameof(ChangeMarker.Revision)] = document.Revision,
    };

    public static ChangeMarker FromEntity(TableEntity e) => new(
        e.GetString(nameof(ChangeMarker.DealerCode)),
        e.GetString(nameof(ChangeMarker.DocumentType)),
        e.GetString(nameof(ChangeMarker.TrackingId)),
        e.GetInt32(nameof(ChangeMarker.Revision)) ?? 0,
        e.ETag.ToString());
}
