namespace Dms.Hub.Storage;

public sealed record DocumentPage(IReadOnlyList<DocumentSummary> Items, string? ContinuationToken);
