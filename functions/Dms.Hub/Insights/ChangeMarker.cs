namespace Dms.Hub.Insights;

/// <summary>"This document changed": left in the document's partition by every commit that changes it (one per document, overwritten).</summary>
public sealed record ChangeMarker(string DealerCode, string DocumentType, string TrackingId, int Revision, string ETag);
