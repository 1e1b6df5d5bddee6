using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Dms.Hub.Storage;

namespace Dms.Hub.Intake;

/// <summary>Remembered requests: the same request again gets the original answer, a different one a conflict.</summary>
public sealed class Idempotency(IDocumentStore store, TimeProvider clock)
{
    public const string KeyReused = "IDEMPOTENCY_KEY_REUSED";

    public static string Hash(params string[] parts) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts))));

    /// <summary>The earlier answer for this request, a conflict, or null when the request is new.</summary>
    public async Task<IntakeResult?> FindAsync(string dealerCode, IReadOnlyList<RequestKey> keys, string requestHash, CancellationToken cancellationToken) =>
        Answer(keys, await LookUpAsync(dealerCode, keys, cancellationToken), requestHash);

    /// <summary>The stored entry of each key (null where there is none), read in parallel.</summary>
    public async Task<IReadOnlyList<IdempotencyEntry?>> LookUpAsync(string dealerCode, IReadOnlyList<RequestKey> keys, CancellationToken cancellationToken) =>
        await Task.WhenAll(keys.Select(k => store.GetKeyAsync(dealerCode, k.KeyId, cancellationToken)));

    /// <summary>The answer the first stored key gives: the original one for the same request, a conflict for another.</summary>
    public static IntakeResult? Answer(IReadOnlyList<RequestKey> keys, IReadOnlyList<IdempotencyEntry?> entries, string requestHash)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (entries[i] is not { } entry)
            {
                continue;
            }

            return entry.RequestHash == requestHash
                ? IntakeResult.Accepted(entry.TrackingId, StatusOf(entry), replayed: true)
                : IntakeResult.Conflict(keys[i].ConflictCode, keys[i].ConflictMessage, entry.TrackingId);
        }

        return null;
    }

    public IdempotencyEntry Remember(string dealerCode, string keyId, string requestHash, string trackingId, string status) =>
        new(dealerCode, keyId, requestHash, trackingId, 202, new JsonObject { ["status"] = status }.ToJsonString(), clock.GetUtcNow());

    private static string StatusOf(IdempotencyEntry entry) =>
        entry.ResponseBody is { } body && JsonNode.Parse(body)?["status"]?.GetValue<string>() is { } status ? status : string.Empty;
}
