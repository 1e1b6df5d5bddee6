namespace Dms.Hub.Storage;

/// <summary>
/// A remembered request, in the dealer's partition: an Idempotency-Key, a document number or an OEM event key.
/// Same request hash → the stored answer; different hash → conflict.
/// </summary>
public sealed record IdempotencyEntry(
    string DealerCode,
    string KeyId,
    string RequestHash,
    string TrackingId,
    int ResponseStatus,
    string? ResponseBody,
    DateTimeOffset CreatedAt)
{
    public static string ForIdempotencyKey(string scope, string key) => $"idem|{scope}|{key}";

    public static string ForDocumentNumber(string documentType, string number) => $"num|{documentType}|{number}";
}
