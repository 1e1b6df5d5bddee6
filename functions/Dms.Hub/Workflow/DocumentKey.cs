namespace Dms.Hub.Workflow;

/// <summary>Where a document lives: its dealer's partition, its type, its tracking ID.</summary>
public sealed record DocumentKey(string DealerCode, string DocumentType, string TrackingId);
