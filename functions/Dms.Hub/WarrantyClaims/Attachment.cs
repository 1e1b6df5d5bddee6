namespace Dms.Hub.WarrantyClaims;

/// <summary>A photo or PDF kept as a blob and referenced by its SHA-256.</summary>
public sealed record Attachment(string Sha256, string FileName, string ContentType);
