namespace Dms.Hub.RetailDeliveries;

public sealed record VehicleModel(string ModelCode, int ModelYear, string? Trim);
