using Dms.Hub.Registry;

namespace Dms.Hub.Intake;

/// <summary>A vehicle's warranty start as set by the retail delivery report that sold it.</summary>
public sealed record VehicleRetail(DateOnly WarrantyStart, double DeliveryOdometerKm, ReservationHolder SoldBy);
