namespace Dms.Hub.Dealers;

/// <summary>
/// A person at OEM headquarters with an API key of their own: <see cref="PrincipalRole.Hq"/> sees every region,
/// <see cref="PrincipalRole.RegionalManager"/> only <see cref="Region"/>.
/// </summary>
public sealed record HqUser
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required PrincipalRole Role { get; init; }

    /// <summary>The one region a regional manager sees; null for HQ.</summary>
    public string? Region { get; init; }

    public string? ApiKeyFingerprint { get; init; }

    public bool Demo { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What this user may see.</summary>
    public HqScope Scope => new(Id, Role == PrincipalRole.Hq ? null : Region);
}
