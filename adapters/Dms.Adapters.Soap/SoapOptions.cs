using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.Soap;

/// <summary>The SOAP endpoint's limits, WS-Security policy and public address (section <c>Dms:Soap</c>).</summary>
public sealed class SoapOptions
{
    public const string Section = "Dms:Soap";

    /// <summary>Everything under this path is SOAP: <c>{Path}/DealerService.svc</c> and <c>{Path}/DealerCallback.svc</c>.</summary>
    [Required]
    public string Path { get; set; } = "/soap";

    /// <summary>Largest accepted envelope; larger ones get 413 before any XML is read.</summary>
    [Range(1024, 8 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 512 * 1024;

    [Range(4, 256)]
    public int MaxDepth { get; set; } = 32;

    [Range(10, 1_000_000)]
    public int MaxElements { get; set; } = 20_000;

    /// <summary>Longest text of one element; a longer one gets 400 before the envelope is read.</summary>
    [Range(256, 8 * 1024 * 1024)]
    public int MaxStringLength { get; set; } = 64 * 1024;

    /// <summary>How far a token's Created (or the Timestamp) may be from our clock, either way.</summary>
    [Range(1, 3600)]
    public int ClockSkewSeconds { get; set; } = 300;

    /// <summary>Refuse PasswordText tokens that carry no Created/Timestamp (old clients send none).</summary>
    public bool RequireTimestamp { get; set; }

    /// <summary>Timeout of a SOAP callback to a dealer's endpoint.</summary>
    [Range(1, 300)]
    public int CallbackTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// The hub's public base URL (<c>https://dms.example.com</c>). When set, the WSDL's address is built from it and
    /// request headers are never consulted — the safest setting behind any proxy.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Host names the WSDL may name when its address is taken from the request (the Host header, or
    /// X-Forwarded-Host from a trusted proxy). Loopback names are always allowed; any other host gets 400.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Proxies (addresses or CIDR networks) whose X-Forwarded-Proto and X-Forwarded-Host are believed; from anyone
    /// else they are ignored. In custom-handler mode loopback is trusted by default: the Functions host forwards from it.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];
}
