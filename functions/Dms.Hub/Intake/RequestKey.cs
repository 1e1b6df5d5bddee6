namespace Dms.Hub.Intake;

/// <summary>A key under which a request is remembered, and what to answer when a different request reuses it.</summary>
public sealed record RequestKey(string KeyId, string ConflictCode, string ConflictMessage)
{
    public static RequestKey ForIdempotencyKey(string key) =>
        new(Storage.IdempotencyEntry.ForIdempotencyKey("dealer", key), Idempotency.KeyReused, "This Idempotency-Key was used for a different request.");
}
