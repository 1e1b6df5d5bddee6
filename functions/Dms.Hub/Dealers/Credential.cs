namespace Dms.Hub.Dealers;

/// <summary>A stored API key: looked up by fingerprint, verified against a salted hash. The key itself is never stored.</summary>
public sealed record Credential(
    string Fingerprint,
    string PrincipalId,
    PrincipalRole Role,
    string Salt,
    string Hash,
    bool Demo,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null);
