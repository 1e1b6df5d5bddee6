using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.Rest;

/// <summary>Outbound webhooks to dealers (section <c>Dms:Notifications:Webhook</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Dms:Notifications:Webhook";

    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 10;

    [Range(1, 1000)]
    public int MaxConcurrency { get; set; } = 32;
}
