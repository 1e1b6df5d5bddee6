using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.Soap;

/// <summary>The SOAP endpoint's limits and WS-Security policy (section <c>Dms:Soap</c>).</summary>
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
}
