namespace Dms.Hub.Common;

/// <summary>Dealer codes: 2–16 upper-case letters and digits (they appear in tracking IDs and storage keys).</summary>
public static class DealerCodes
{
    public static bool IsValid(string? code) =>
        code is { Length: >= 2 and <= 16 } && code.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));
}
