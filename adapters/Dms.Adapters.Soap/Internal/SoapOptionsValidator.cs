using System.Net;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>Start-up checks the data annotations cannot express: the public URL, proxy networks and host names parse.</summary>
internal sealed class SoapOptionsValidator : IValidateOptions<SoapOptions>
{
    public ValidateOptionsResult Validate(string? name, SoapOptions options)
    {
        var errors = new List<string>();
        if (options.PublicBaseUrl is { Length: > 0 } url
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0 || uri.Fragment.Length > 0))
        {
            errors.Add($"{SoapOptions.Section}:PublicBaseUrl must be an absolute http(s) URL without query, e.g. https://dms.example.com.");
        }

        errors.AddRange(options.TrustedProxies.Where(p => !IPNetwork.TryParse(p, out _) && !IPAddress.TryParse(p, out _))
            .Select(p => $"{SoapOptions.Section}:TrustedProxies: '{p}' is neither an IP address nor a CIDR network."));
        errors.AddRange(options.AllowedHosts.Where(h => Uri.CheckHostName(h) == UriHostNameType.Unknown)
            .Select(h => $"{SoapOptions.Section}:AllowedHosts: '{h}' is not a host name (no scheme, port or wildcard)."));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
