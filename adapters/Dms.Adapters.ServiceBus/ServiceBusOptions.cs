using System.ComponentModel.DataAnnotations;

namespace Dms.Adapters.ServiceBus;

/// <summary>
/// Where and how to reach Service Bus (section <c>Dms:ServiceBus</c>): a connection string with a shared access key,
/// or a namespace name and the app's managed identity (Entra ID token for <c>https://servicebus.azure.net</c>).
/// </summary>
public sealed class ServiceBusOptions
{
    public const string Section = "Dms:ServiceBus";

    /// <summary><c>Endpoint=sb://NAMESPACE.servicebus.windows.net/;SharedAccessKeyName=…;SharedAccessKey=…</c></summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>NAMESPACE.servicebus.windows.net</c>, used with a managed identity when there is no connection string.</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>Client ID of a user-assigned managed identity; empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>Queues are named prefix + work kind (<c>dms-route</c>, <c>dms-deliver</c>, <c>dms-notify</c>).</summary>
    [RegularExpression("^[a-z0-9][a-z0-9.-]{0,40}$")]
    public string QueuePrefix { get; set; } = "dms-";

    /// <summary>How long a receive waits for a message (standalone receive loop only; the Functions host receives itself).</summary>
    [Range(0, 230)]
    public int ReceiveWaitSeconds { get; set; } = 20;

    /// <summary>Timeout of one send or settle request.</summary>
    [Range(1, 120)]
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Lifetime of a shared access signature this hub signs.</summary>
    [Range(5, 1440)]
    public int SasLifetimeMinutes { get; set; } = 60;
}
