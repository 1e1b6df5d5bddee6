using System.ComponentModel.DataAnnotations;
using Dms.Hub.Work;

namespace Dms.Hub.Notifications;

/// <summary>Dealer notification behaviour (section <c>Dms:Notifications</c>).</summary>
public sealed class NotificationOptions
{
    public const string Section = "Dms:Notifications";

    /// <summary>Retries for pushes to a dealer's webhook or SOAP callback, like deliveries to the OEM.</summary>
    [Required]
    public RetryPolicyOptions Retry { get; set; } = new();

    /// <summary>Most mailbox entries one pull returns.</summary>
    [Range(1, 500)]
    public int MaxPullItems { get; set; } = 100;
}
