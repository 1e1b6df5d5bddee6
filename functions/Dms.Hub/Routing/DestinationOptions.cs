using System.ComponentModel.DataAnnotations;
using Dms.Hub.Work;

namespace Dms.Hub.Routing;

/// <summary>A named OEM destination: which outbound adapter talks to it and how its failures are retried.
/// Adapter-specific settings (URL, credentials, timeouts) sit in the same section and are bound by the adapter.</summary>
public sealed class DestinationOptions
{
    [Required]
    public string Adapter { get; set; } = string.Empty;

    [Required]
    public RetryPolicyOptions Retry { get; set; } = new();
}
