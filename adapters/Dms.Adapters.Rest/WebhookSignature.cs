using System.Security.Cryptography;
using System.Text;

namespace Dms.Adapters.Rest;

/// <summary>
/// How webhooks are signed: <c>X-Dms-Signature: sha256=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c> with
/// <c>X-Dms-Timestamp</c> in Unix seconds. Receivers recompute it, compare in constant time and reject stale timestamps.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Dms-Signature";
    public const string TimestampHeader = "X-Dms-Timestamp";
    public const string ReceiptHeader = "X-Dms-Receipt-Id";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
