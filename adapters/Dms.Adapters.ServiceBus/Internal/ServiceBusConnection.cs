namespace Dms.Adapters.ServiceBus.Internal;

/// <summary>
/// The parts of a Service Bus connection string the REST API needs. <c>sb://</c> endpoints are reached over HTTPS;
/// an <c>http(s)://</c> endpoint is taken as written (a local stand-in).
/// </summary>
internal sealed record ServiceBusConnection(Uri Endpoint, string? KeyName, string? Key)
{
    public static ServiceBusConnection Parse(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        if (!parts.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new FormatException("The Service Bus connection string has no valid Endpoint.");
        }

        if (!parts.TryGetValue("SharedAccessKeyName", out var keyName) || !parts.TryGetValue("SharedAccessKey", out var key))
        {
            throw new FormatException("The Service Bus connection string needs SharedAccessKeyName and SharedAccessKey.");
        }

        return new ServiceBusConnection(Normalize(uri), keyName, key);
    }

    /// <summary>A namespace host name, or (a local stand-in) an absolute <c>http(s)://</c> URL.</summary>
    public static ServiceBusConnection ForNamespace(string fullyQualifiedNamespace)
    {
        var text = fullyQualifiedNamespace.Trim().TrimEnd('/');
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new ServiceBusConnection(Normalize(uri), null, null)
            : new ServiceBusConnection(new Uri($"https://{text}/"), null, null);
    }

    private static Uri Normalize(Uri uri)
    {
        var builder = new UriBuilder(uri) { Path = "/" };
        if (builder.Scheme == "sb")
        {
            builder.Scheme = Uri.UriSchemeHttps;
            builder.Port = -1;
        }

        return builder.Uri;
    }
}
