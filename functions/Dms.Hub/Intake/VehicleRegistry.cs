using System.Globalization;
using Dms.Hub.Storage;

namespace Dms.Hub.Intake;

/// <summary>
/// The vehicles' retail records, read by the warranty coverage check. A record is the reservation an accepted RDR
/// holds on its VIN; it carries the warranty start (delivery date) and the odometer at delivery.
/// </summary>
public sealed class VehicleRegistry(IReservationStore store, Reservations reservations)
{
    public const string RetailKey = "retail";
    public const string WarrantyStartField = "warrantyStart";
    public const string DeliveryOdometerKmField = "deliveryOdometerKm";

    public static string Scope(string vin) => "vin|" + vin;

    public async Task<VehicleRetail?> GetRetailAsync(string vin, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Scope(vin), RetailKey, cancellationToken);
        if (entry is null || (!entry.Confirmed && !await reservations.IsLiveAsync(entry, cancellationToken)))
        {
            return null;
        }

        return new VehicleRetail(
            DateOnly.ParseExact(entry.Data[WarrantyStartField], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            double.Parse(entry.Data[DeliveryOdometerKmField], CultureInfo.InvariantCulture),
            entry.Holder);
    }
}
