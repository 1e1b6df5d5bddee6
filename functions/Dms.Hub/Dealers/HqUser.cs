namespace Dms.Hub.Dealers;

/// <summary>
/// A person at OEM headquarters with an API key of their own: <see cref="PrincipalRole.Hq"/> sees every region,
/// <see cref="PrincipalRole.RegionalManager"/> and <see cref="PrincipalRole.DistrictManager"/> only <see cref="Region"/>.
/// Managers hear of reporting escalations in a mailbox of their own (<see cref="MailboxCode"/>), and on a webhook
/// when they give a <see cref="CallbackUrl"/>.
/// </summary>
public sealed record HqUser
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required PrincipalRole Role { get; init; }

    /// <summary>The one region a regional manager sees; null for HQ.</summary>
    public string? Region { get; init; }

    /// <summary>The district a district manager answers for (within <see cref="Region"/>).</summary>
    public string? District { get; init; }

    /// <summary>Where escalations are pushed (signed like dealer webhooks); the mailbox keeps them either way.</summary>
    public string? CallbackUrl { get; init; }

    public string? ApiKeyFingerprint { get; init; }

    public bool Demo { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What this user may see.</summary>
    public HqScope Scope => new(Id, Role == PrincipalRole.Hq ? null : Region);

    /// <summary>
    /// The partition of this user's mailbox in the notification store. Dealer codes never contain <c>~</c>, so it
    /// cannot meet a dealer's.
    /// </summary>
    public string MailboxCode => MailboxPrefix + Id;

    public const string MailboxPrefix = "hq~";

    /// <summary>
    /// This user as a push recipient: the dealer notifiers (webhook signing, retries, dead letters) serve managers
    /// unchanged, and the signing secret is derived from the mailbox code as a dealer's is from its code.
    /// </summary>
    public Dealer AsRecipient() => new()
    {
        Code = MailboxCode, Name = Name, Region = Region ?? string.Empty, District = District, Brand = string.Empty,
        NotificationChannel = CallbackUrl is null ? NotificationChannels.Mailbox : NotificationChannels.Webhook,
        CallbackUrl = CallbackUrl, CreatedAt = CreatedAt,
    };
}
