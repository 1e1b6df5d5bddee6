using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// The absolute URL the WSDL advertises. A configured public base URL wins; otherwise the request's scheme and host,
/// replaced by X-Forwarded-Proto/X-Forwarded-Host only when the direct peer is a trusted proxy. The host must be a
/// loopback name or an allowed host, so a forged Host header is never echoed into a contract clients generate from.
/// </summary>
internal sealed class PublicAddress(IOptions<SoapOptions> options)
{
    private readonly SoapOptions _options = options.Value;
    private readonly IReadOnlyList<IPNetwork> _proxies = [.. options.Value.TrustedProxies.Select(Network)];

    /// <summary>The URL of <paramref name="service"/> (<c>/DealerService.svc</c>) for this request, or null when its host is not allowed.</summary>
    public string? ServiceUrl(HttpContext context, string service)
    {
        if (_options.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/') + _options.Path + service;
        }

        var request = context.Request;
        var scheme = request.Scheme;
        var host = request.Host.Value ?? string.Empty;
        if (context.Connection.RemoteIpAddress is { } peer && IsTrusted(peer))
        {
            scheme = First(request.Headers["X-Forwarded-Proto"]) ?? scheme;
            host = First(request.Headers["X-Forwarded-Host"]) ?? host;
        }

        if (!Uri.TryCreate($"{scheme}://{host}", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https")
            || baseUri.PathAndQuery != "/" || baseUri.Fragment.Length > 0 || baseUri.UserInfo.Length > 0 || !IsAllowed(baseUri))
        {
            return null;
        }

        return baseUri.GetLeftPart(UriPartial.Authority) + request.PathBase + service;
    }

    private bool IsTrusted(IPAddress peer)
    {
        var address = peer.IsIPv4MappedToIPv6 ? peer.MapToIPv4() : peer;
        return _proxies.Any(network => network.Contains(address));
    }

    private bool IsAllowed(Uri uri) =>
        uri.IsLoopback || _options.AllowedHosts.Any(allowed => string.Equals(allowed, uri.IdnHost, StringComparison.OrdinalIgnoreCase));

    // A proxy chain appends: the first value is what the client-facing proxy saw.
    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count > 0 && values[0]!.Split(',')[0].Trim() is { Length: > 0 } first ? first : null;

    private static IPNetwork Network(string text)
    {
        if (IPNetwork.TryParse(text, out var network))
        {
            return network;
        }

        var address = IPAddress.Parse(text);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
