namespace Dms.Hub.Validation;

/// <summary>RFC 6901 helpers.</summary>
public static class JsonPointer
{
    public static string Escape(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string path, string segment) => path + "/" + Escape(segment);

    public static string Append(string path, int index) => path + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
