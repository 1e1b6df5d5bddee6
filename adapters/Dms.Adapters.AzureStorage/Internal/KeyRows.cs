using Azure.Data.Tables;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Internal;

internal static class KeyRows
{
    public static TableEntity ToEntity(string partition, IdempotencyEntry key) => new(partition, RowKeys.Key(key.DealerCode, key.KeyId))
    {
        [nameof(IdempotencyEntry.DealerCode)] = key.DealerCode,
        [nameof(IdempotencyEntry.KeyId)] = key.KeyId.Length > 1000 ? key.KeyId[..1000] : key.KeyId,
        [nameof(IdempotencyEntry.RequestHash)] = key.RequestHash,
        [nameof(IdempotencyEntry.TrackingId)] = key.TrackingId,
        [nameof(IdempotencyEntry.ResponseStatus)] = key.ResponseStatus,
        [nameof(IdempotencyEntry.ResponseBody)] = key.ResponseBody,
        [nameof(IdempotencyEntry.CreatedAt)] = key.CreatedAt.UtcDateTime,
    };

    public static IdempotencyEntry FromEntity(TableEntity entity) => new(
        entity.GetString(nameof(IdempotencyEntry.DealerCode)),
        entity.GetString(nameof(IdempotencyEntry.KeyId)),
        entity.GetString(nameof(IdempotencyEntry.RequestHash)),
        entity.GetString(nameof(IdempotencyEntry.TrackingId)),
        entity.GetInt32(nameof(IdempotencyEntry.ResponseStatus)) ?? 0,
        entity.GetString(nameof(IdempotencyEntry.ResponseBody)),
        entity.GetDateTimeOffset(nameof(IdempotencyEntry.CreatedAt)) ?? default);
}
