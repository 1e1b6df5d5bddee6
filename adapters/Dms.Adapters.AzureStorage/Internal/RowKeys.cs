using System.Security.Cryptography;
using System.Text;
using Dms.Hub.Common;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Row keys in the documents table. Prefixes keep kinds apart; ULIDs keep time order within a kind.</summary>
internal static class RowKeys
{
    public static string Document(string dealerCode, string documentType, string trackingId) =>
        $"d|{dealerCode}|{documentType}|{TrackingIds.UlidOf(trackingId)}";

    public static string DocumentRangeStart(string dealerCode, string documentType, DateTimeOffset? from) =>
        $"d|{dealerCode}|{documentType}|" + (from is { } f ? Ids.TimePrefix(f) : string.Empty);

    public static string DocumentRangeEnd(string dealerCode, string documentType, DateTimeOffset? to) =>
        $"d|{dealerCode}|{documentType}|" + (to is { } t ? Ids.TimePrefix(t.AddMilliseconds(1)) : "~");

    public static string Payload(string trackingId, int contentVersion) =>
        $"p|{trackingId}|{contentVersion.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Keys may carry any characters a client chose; the row key holds their hash (row keys forbid / \ # ?).</summary>
    public static string Key(string dealerCode, string keyId) =>
        $"k|{dealerCode}|{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(keyId)))}";

    public static string Mailbox(string dealerCode, string receiptId) => $"m|{dealerCode}|{receiptId}";

    public static string MailboxStart(string dealerCode) => $"m|{dealerCode}|";

    public static string MailboxEnd(string dealerCode) => $"m|{dealerCode}|~";

    public static string Work(string workId) => "w|" + workId;

    public static string DeadLetter(string workId) => "x|" + workId;

    /// <summary>The change feed's marker of a document (one per document, overwritten by every commit).</summary>
    public static string ChangeMarker(string trackingId) => "f|" + trackingId;

    public const string ChangeMarkerStart = "f|";
    public const string ChangeMarkerEnd = "f|~";
    public const string WorkStart = "w|";
    public const string WorkEnd = "w|~";
    public const string DeadLetterStart = "x|";
    public const string DeadLetterEnd = "x|~";
}
