using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.Rest;

/// <summary>A REST destination's settings, bound from <c>Dms:Routing:Destinations:{name}</c> (named options).</summary>
public sealed class RestDestinationOptions
{
    [Required]
    public Uri? Url { get; set; }

    /// <summary>Header carrying the credential, e.g. <c>Authorization</c> or <c>X-Api-Key</c>.</summary>
    public string? AuthHeader { get; set; }

    /// <summary>The credential itself; in Azure an app setting that references Key Vault.</summary>
    public string? AuthValue { get; set; }

    /// <summary>Per-attempt timeout: below half of Dms:Work:LeaseSeconds (checked at start-up), so attempts never overlap.</summary>
    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Calls in flight at once; protects an OEM system from our backlog.</summary>
    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>JSON property of a 2xx response holding the OEM's own reference (claim number).</summary>
    public string ReferenceProperty { get; set; } = "oemReference";

    /// <summary>Failure ratio (0–1) over the sampling window that opens the circuit.</summary>
    [Range(0.01, 1.0)]
    public double BreakFailureRatio { get; set; } = 0.5;

    /// <summary>Calls in the window before the breaker judges (the library default of 100 never trips on a quiet endpoint).</summary>
    [Range(2, 10000)]
    public int BreakMinimumThroughput { get; set; } = 10;

    [Range(1, 3600)]
    public int BreakSeconds { get; set; } = 15;
}
