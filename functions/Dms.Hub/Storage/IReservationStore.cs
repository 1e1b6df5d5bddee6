using Dms.Hub.Registry;

namespace Dms.Hub.Storage;

/// <summary>Port: uniqueness claims and counted units outside a document's own partition (a VIN, an allocation pool).</summary>
public interface IReservationStore
{
    Task<ReservationEntry?> GetAsync(string scope, string key, CancellationToken cancellationToken);

    /// <summary>Every reservation in one scope (a VIN's records, an allocation pool's units).</summary>
    Task<IReadOnlyList<ReservationEntry>> ListAsync(string scope, CancellationToken cancellationToken);

    /// <summary>
    /// Adds the reservations of one scope atomically and returns them as stored (with their ETags, so they can be
    /// confirmed without reading them back); null when any of them exists.
    /// </summary>
    Task<IReadOnlyList<ReservationEntry>?> TryAddAsync(string scope, IReadOnlyList<Reservation> reservations, ReservationHolder holder, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Takes over a stale reservation under its ETag and returns it as stored; null when it changed meanwhile.</summary>
    Task<ReservationEntry?> TryReplaceAsync(ReservationEntry stale, Reservation reservation, ReservationHolder holder, DateTimeOffset now, CancellationToken cancellationToken);

    Task ConfirmAsync(ReservationEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes the reservation if <paramref name="holder"/> still holds it.</summary>
    Task ReleaseAsync(string scope, string key, ReservationHolder holder, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes a reservation just read or written, under its ETag (no read first); nothing when it changed since —
    /// then someone else holds it, or it is gone. False when it exists with another ETag (it changed: held by
    /// someone else, or its holder's ETag was not the latest).
    /// </summary>
    Task<bool> ReleaseAsync(ReservationEntry entry, CancellationToken cancellationToken);
}
