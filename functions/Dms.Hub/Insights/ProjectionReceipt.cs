namespace Dms.Hub.Insights;

/// <summary>
/// A projection in flight for one document, kept beside the counters: <see cref="Counted"/> is what the counters
/// reflect for the document, <see cref="Target"/> what is being projected. The counters and the receipt change in
/// one transaction, so a crash at any point leaves the next attempt knowing exactly what was already counted.
/// </summary>
/// <param name="Partial">
/// Set while a change too large for one transaction is half counted: the store's marks of the parts done. Such a
/// receipt is finished (its counted facts brought to its target) before anything else happens to the document.
/// </param>
public sealed record ProjectionReceipt(string TrackingId, DocumentFacts? Counted, DocumentFacts Target, string? ETag = null, IReadOnlyList<string>? Partial = null);
