namespace Dms.Hub.Intake;

/// <summary>A document about a vehicle, found through the VIN index.</summary>
public sealed record VehicleLink(string DealerCode, string DocumentType, string TrackingId);
