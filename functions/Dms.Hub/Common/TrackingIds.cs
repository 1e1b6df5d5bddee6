namespace Dms.Hub.Common;

/// <summary>Tracking IDs are <c>{dealerCode}-{ulid}</c>: time-ordered, and they name the dealer whose partition holds
/// the document, so the OEM can address a document without a lookup table.</summary>
public static class TrackingIds
{
    public static string New(string dealerCode, DateTimeOffset now) => $"{dealerCode}-{Ids.NewUlid(now)}";

    public static bool TryParse(string? trackingId, out string dealerCode)
    {
        dealerCode = string.Empty;
        if (trackingId is null || trackingId.Length > 60)
        {
            return false;
        }

        var dash = trackingId.IndexOf('-', StringComparison.Ordinal);
        if (dash is < 1 or > 16 || !Ids.IsUlid(trackingId[(dash + 1)..]) || !DealerCodes.IsValid(trackingId[..dash]))
        {
            return false;
        }

        dealerCode = trackingId[..dash];
        return true;
    }

    public static string UlidOf(string trackingId) => trackingId[(trackingId.IndexOf('-', StringComparison.Ordinal) + 1)..];
}
