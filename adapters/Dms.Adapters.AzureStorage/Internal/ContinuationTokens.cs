using System.Text;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Opaque, URL-safe continuation tokens around the table service's own.</summary>
internal static class ContinuationTokens
{
    private const string Prefix = "v1:";

    public static string? Encode(string? token) =>
        token is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + token)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Throws <see cref="FormatException"/> for a token this store did not issue.</summary>
    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        if (token.Length > 2048)
        {
            throw new FormatException("Continuation token too long.");
        }

        var base64 = token.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        return text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : throw new FormatException("Unknown continuation token.");
    }
}
