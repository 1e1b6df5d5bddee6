namespace Dms.Adapters.Soap.Internal;

/// <summary>What a wsse:Security header carried (OASIS WSS 1.0 UsernameToken profile).</summary>
internal sealed record SecurityHeader(
    string? Username,
    string? Password,
    bool IsDigest,
    string? Nonce,
    string? Created,
    string? TimestampCreated,
    string? TimestampExpires);
