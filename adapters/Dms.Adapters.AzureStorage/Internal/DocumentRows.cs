using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// Documents as table rows: summary columns for listing, the body and the state as Brotli-compressed UTF-8 JSON
/// (<see cref="BrotliChunks"/>); raw payloads in rows of their own, compressed the same way (byte for byte as received).
/// </summary>
internal static class DocumentRows
{
    public static readonly string[] SummaryColumns =
        [nameof(DocumentRecord.TrackingId), nameof(DocumentRecord.DocumentType), nameof(DocumentRecord.DocumentNumber), nameof(DocumentRecord.Status),
         nameof(DocumentRecord.ContentVersion), nameof(DocumentRecord.SubmittedAt), nameof(DocumentRecord.UpdatedAt), nameof(DocumentRecord.OemReference),
         nameof(DocumentRecord.Fields)];

    public static TableEntity ToEntity(string partition, DocumentRecord document)
    {
        var entity = new TableEntity(partition, RowKeys.Document(document.DealerCode, document.DocumentType, document.TrackingId))
        {
            [nameof(DocumentRecord.TrackingId)] = document.TrackingId,
            [nameof(DocumentRecord.DocumentType)] = document.DocumentType,
            [nameof(DocumentRecord.DealerCode)] = document.DealerCode,
            [nameof(DocumentRecord.DocumentNumber)] = document.DocumentNumber,
            [nameof(DocumentRecord.Status)] = document.Status,
            [nameof(DocumentRecord.Revision)] = document.Revision,
            [nameof(DocumentRecord.ContentVersion)] = document.ContentVersion,
            [nameof(DocumentRecord.SubmittedAt)] = document.SubmittedAt.UtcDateTime,
            [nameof(DocumentRecord.UpdatedAt)] = document.UpdatedAt.UtcDateTime,
            [nameof(DocumentRecord.OemReference)] = document.OemReference,
        };
        SummaryFields.Write(entity, document.Fields);
        BrotliChunks.Write(entity, "Body", JsonSerializer.SerializeToUtf8Bytes(document.Body, HubJson.Options));
        var state = new StoredState(document.Oem, document.Timeline, document.Deliveries, document.Overlays, document.Timers, document.Units);
        BrotliChunks.Write(entity, "State", JsonSerializer.SerializeToUtf8Bytes(state, HubJson.Options));
        if (document.ETag is { } etag)
        {
            entity.ETag = new ETag(etag);
        }

        return entity;
    }

    public static DocumentRecord FromEntity(TableEntity entity)
    {
        var state = JsonSerializer.Deserialize<StoredState>(BrotliChunks.Read(entity, "State") ?? "{}"u8.ToArray(), HubJson.Options)!;
        return new DocumentRecord
        {
            TrackingId = entity.GetString(nameof(DocumentRecord.TrackingId)),
            DocumentType = entity.GetString(nameof(DocumentRecord.DocumentType)),
            DealerCode = entity.GetString(nameof(DocumentRecord.DealerCode)),
            DocumentNumber = entity.GetString(nameof(DocumentRecord.DocumentNumber)),
            Status = entity.GetString(nameof(DocumentRecord.Status)),
            Revision = entity.GetInt32(nameof(DocumentRecord.Revision)) ?? 0,
            ContentVersion = entity.GetInt32(nameof(DocumentRecord.ContentVersion)) ?? 1,
            SubmittedAt = entity.GetDateTimeOffset(nameof(DocumentRecord.SubmittedAt)) ?? default,
            UpdatedAt = entity.GetDateTimeOffset(nameof(DocumentRecord.UpdatedAt)) ?? default,
            OemReference = entity.GetString(nameof(DocumentRecord.OemReference)),
            Body = Body(entity),
            Oem = state.Oem ?? [],
            Timeline = state.Timeline ?? [],
            Deliveries = state.Deliveries ?? [],
            Overlays = state.Overlays ?? [],
            Timers = state.Timers ?? [],
            Units = state.Units ?? new(StringComparer.Ordinal),
            Fields = SummaryFields.Read(entity),
            ETag = entity.ETag.ToString(),
        };
    }

    public static DocumentSummary SummaryFromEntity(TableEntity entity) => new(
        entity.GetString(nameof(DocumentRecord.TrackingId)),
        entity.GetString(nameof(DocumentRecord.DocumentType)),
        entity.GetString(nameof(DocumentRecord.DocumentNumber)),
        entity.GetString(nameof(DocumentRecord.Status)),
        entity.GetInt32(nameof(DocumentRecord.ContentVersion)) ?? 1,
        entity.GetDateTimeOffset(nameof(DocumentRecord.SubmittedAt)) ?? default,
        entity.GetDateTimeOffset(nameof(DocumentRecord.UpdatedAt)) ?? default,
        entity.GetString(nameof(DocumentRecord.OemReference)),
        SummaryFields.Read(entity));

    public static TableEntity PayloadEntity(string partition, RawPayload payload)
    {
        var entity = new TableEntity(partition, RowKeys.Payload(payload.TrackingId, payload.ContentVersion))
        {
            [nameof(RawPayload.TrackingId)] = payload.TrackingId,
            [nameof(RawPayload.ContentVersion)] = payload.ContentVersion,
            [nameof(RawPayload.Channel)] = payload.Channel,
            [nameof(RawPayload.ContentType)] = payload.ContentType,
            [nameof(RawPayload.ReceivedAt)] = payload.ReceivedAt.UtcDateTime,
        };
        BrotliChunks.Write(entity, "Content", payload.Content.Span);
        return entity;
    }

    public static RawPayload PayloadFromEntity(TableEntity entity) => new(
        entity.GetString(nameof(RawPayload.TrackingId)),
        entity.GetInt32(nameof(RawPayload.ContentVersion)) ?? 1,
        entity.GetString(nameof(RawPayload.Channel)),
        entity.GetString(nameof(RawPayload.ContentType)),
        BrotliChunks.Read(entity, "Content") ?? [],
        entity.GetDateTimeOffset(nameof(RawPayload.ReceivedAt)) ?? default);

    /// <summary>The document's body (canonical JSON) from its row.</summary>
    public static JsonObject Body(TableEntity entity) => JsonNode.Parse(BrotliChunks.Read(entity, "Body") ?? "{}"u8.ToArray())!.AsObject();

    private sealed record StoredState(
        JsonObject? Oem, List<TimelineEntry>? Timeline, List<DeliveryRecord>? Deliveries, Dictionary<string, Overlay>? Overlays, Dictionary<string, DateTimeOffset>? Timers,
        Dictionary<string, HeldUnit>? Units = null);
}
