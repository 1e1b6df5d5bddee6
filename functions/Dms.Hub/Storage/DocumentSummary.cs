namespace Dms.Hub.Storage;

/// <summary>A document as listed: enough to find it and see where it stands, without its body or timeline.</summary>
public sealed record DocumentSummary(
    string TrackingId,
    string DocumentType,
    string DocumentNumber,
    string Status,
    int ContentVersion,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    string? OemReference,
    IReadOnlyDictionary<string, string>? Fields = null);
