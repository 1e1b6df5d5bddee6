namespace Dms.Hub.Dealers;

/// <summary>A dealer in the partner registry: where it sits (region, brand), how it hears back, what it may send.</summary>
public sealed record Dealer
{
    public required string Code { get; init; }

    public required string Name { get; init; }

    public required string Region { get; init; }

    /// <summary>The sales district within the region (HQ figures group by it); optional.</summary>
    public string? District { get; init; }

    public required string Brand { get; init; }

    /// <summary><c>mailbox</c> (pull only), <c>webhook</c> or <c>soap</c>; every dealer can also pull its mailbox.</summary>
    public string NotificationChannel { get; init; } = NotificationChannels.Mailbox;

    /// <summary>Webhook URL or SOAP callback endpoint, when the channel pushes.</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>Document types the dealer may submit; empty means all.</summary>
    public IReadOnlyList<string> DocumentTypes { get; init; } = [];

    /// <summary>Onboarding stage: test, pilot or live.</summary>
    public string Stage { get; init; } = "live";

    /// <summary>Bumped to rotate the webhook signing secret (secrets are derived, never stored).</summary>
    public int SecretVersion { get; init; } = 1;

    public string? ApiKeyFingerprint { get; init; }

    public bool Demo { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public bool MaySubmit(string documentType) => DocumentTypes.Count == 0 || DocumentTypes.Contains(documentType);
}
