using System.Globalization;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Hub.Intake;

/// <summary>
/// What the hub knows per vehicle, in the VIN's reservation scope: the retail record (the reservation an accepted RDR
/// holds: warranty start and odometer at delivery, read by the warranty coverage check), document links (the vehicle
/// order the VIN was built for) and the claims about it. It is the VIN index cross-document effects go through.
/// </summary>
public sealed class VehicleRegistry(IReservationStore store, Reservations reservations, IDocumentStore documents)
{
    public const string RetailKey = "retail";
    public const string WarrantyStartField = "warrantyStart";
    public const string DeliveryOdometerKmField = "deliveryOdometerKm";
    public const string TrackingIdField = "trackingId";
    private const int MaxRelated = 20;

    public static string Scope(string vin) => "vin|" + vin;

    public static string LinkKey(string documentType) => "doc|" + documentType;

    /// <summary>The reservation that links a VIN to one document of <paramref name="documentType"/> (one per VIN and type).</summary>
    public static Reservation Link(string vin, string documentType, string trackingId, string errorPath, string errorCode, string message) =>
        new(Scope(vin), LinkKey(documentType), errorPath, errorCode, message, new Dictionary<string, string> { [TrackingIdField] = trackingId });

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

    /// <summary>
    /// The document of <paramref name="documentType"/> linked to the VIN, if any, as the link stands: the caller reads
    /// that document and judges it (<see cref="Effects.DocumentTriggers"/> treats a missing or released one as gone),
    /// so the holder's liveness is not read here as well.
    /// </summary>
    public async Task<VehicleLink?> FindLinkAsync(string vin, string documentType, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Scope(vin), LinkKey(documentType), cancellationToken);
        return entry is not null && entry.Data.TryGetValue(TrackingIdField, out var trackingId)
            ? new VehicleLink(entry.Holder.DealerCode, documentType, trackingId)
            : null;
    }

    /// <summary>The live documents of <paramref name="dealerCode"/> about the VIN (its order, its RDR, its claims): never another dealer's.</summary>
    public async Task<IReadOnlyList<VehicleLink>> DocumentsAboutAsync(string vin, string dealerCode, CancellationToken cancellationToken) =>
        (await LinksAsync(vin, holder => holder.DealerCode == dealerCode, cancellationToken)).Links;

    /// <summary>
    /// The live documents of <paramref name="documentType"/> about the VIN, whoever's they are — the sources a document
    /// that has just learnt its VIN looks at for effects already due (an RDR accepted before the order's VIN was known) —
    /// and whether a holder of that type has a live reservation but no stored document yet (its intake is under way: it
    /// left out reactions on targets it did not find, so whoever looks for sources looks again once it is stored — see
    /// <see cref="Effects.IntakeReactions"/>).
    /// </summary>
    /// <param name="vinKey">
    /// The one key documents of the type hold in a VIN's scope, if the type declares it (<see cref="DocumentType.VinKey"/>):
    /// then that row is read by its key instead of listing the scope — on Azurite a listing is a query, which scans the
    /// whole reservations table.
    /// </param>
    public async Task<(IReadOnlyList<VehicleLink> Links, bool Pending)> SourcesOfTypeAsync(string vin, string documentType, string? vinKey, CancellationToken cancellationToken)
    {
        if (vinKey is null)
        {
            return await LinksAsync(vin, holder => holder.DocumentType == documentType, cancellationToken);
        }

        var entry = await store.GetAsync(Scope(vin), vinKey, cancellationToken);
        return await LinksAsync(entry is not null && entry.Holder.DocumentType == documentType ? [entry] : [], cancellationToken);
    }

    private async Task<(IReadOnlyList<VehicleLink> Links, bool Pending)> LinksAsync(string vin, Func<ReservationHolder, bool> wanted, CancellationToken cancellationToken) =>
        await LinksAsync((await store.ListAsync(Scope(vin), cancellationToken)).Where(e => wanted(e.Holder)).DistinctBy(e => e.Holder).Take(MaxRelated), cancellationToken);

    private async Task<(IReadOnlyList<VehicleLink> Links, bool Pending)> LinksAsync(IEnumerable<ReservationEntry> holders, CancellationToken cancellationToken)
    {
        var links = new List<VehicleLink>();
        var pending = false;
        foreach (var entry in holders)
        {
            var holder = entry.Holder;
            var trackingId = entry.Data.TryGetValue(TrackingIdField, out var linked) ? linked
                : (await documents.GetKeyAsync(holder.DealerCode, IdempotencyEntry.ForDocumentNumber(holder.DocumentType, holder.DocumentNumber), cancellationToken))?.TrackingId;
            if (await reservations.IsLiveAsync(entry, cancellationToken))
            {
                if (trackingId is not null)
                {
                    links.Add(new VehicleLink(holder.DealerCode, holder.DocumentType, trackingId));
                }
                else
                {
                    pending = true;
                }
            }
        }

        return (links, pending);
    }
}
