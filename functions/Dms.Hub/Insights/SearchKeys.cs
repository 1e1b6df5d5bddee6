namespace Dms.Hub.Insights;

/// <summary>Business keys as the search index holds them: <c>kind:value</c>, looked up by the normalised value.</summary>
public static class SearchKeys
{
    public const string Vin = "vin";
    public const string Number = "number";
    public const string OemReference = "oem";
    public const string Correlation = "correlation";
    public const string IdempotencyKey = "idempotency";
    public const int MaxLength = 200;

    /// <summary>Trimmed and upper-cased: people type VINs and numbers in any case.</summary>
    public static string? Normalize(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength ? null : trimmed.ToUpperInvariant();
    }

    public static string Make(string kind, string value) => kind + ":" + value;

    public static (string Kind, string Value) Split(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (string.Empty, key) : (key[..colon], key[(colon + 1)..]);
    }
}
