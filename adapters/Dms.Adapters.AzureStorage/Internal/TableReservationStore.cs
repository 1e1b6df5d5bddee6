using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Reservations keyed by scope (partition) and key (row), so all of one VIN's claims can be added in one batch.</summary>
/// <remarks>
/// The row key is the reservation's key followed by its scope (<see cref="Row"/>), unique in the whole table, not only
/// in its partition: Azurite finds a row by its row key first and then filters that key's rows by partition, so with
/// the bare key (<c>retail</c>, the same in every VIN's partition) every claim, confirm, read and release of an RDR's
/// VIN cost time proportional to the number of vehicles ever retailed (measured: a 100,000-row RDR file slowed from
/// ≈ 55 to ≈ 23 rows/s). Azure Table Storage indexes partition and row key together; there it changes nothing.
/// </remarks>
internal sealed class TableReservationStore(TableSet tables) : IReservationStore
{
    /// <summary>The row key of <paramref name="key"/> in <paramref name="scope"/>: the key first, so a row still reads as what it reserves.</summary>
    internal static string Row(string scope, string key) => key + "@" + scope;

    public async Task<ReservationEntry?> GetAsync(string scope, string key, CancellationToken cancellationToken)
    {
        var row = await tables.Reservations.GetEntityIfExistsAsync<TableEntity>(scope, Row(scope, key), cancellationToken: cancellationToken);
        return row.HasValue ? FromEntity(row.Value!) : null;
    }

    public async Task<IReadOnlyList<ReservationEntry>> ListAsync(string scope, CancellationToken cancellationToken)
    {
        var entries = new List<ReservationEntry>();
        await foreach (var entity in tables.Reservations.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {scope}"), 1000, cancellationToken: cancellationToken))
        {
            entries.Add(FromEntity(entity));
        }

        return entries;
    }

    public async Task<IReadOnlyList<ReservationEntry>?> TryAddAsync(string scope, IReadOnlyList<Reservation> reservations, ReservationHolder holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (reservations.Count == 0)
        {
            return [];
        }

        try
        {
            var entities = reservations.DistinctBy(r => r.Key).Select(r => ToEntity(r, holder, now)).ToList();
            var response = await tables.Reservations.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
            return entities.Select((e, i) => FromEntity(e, response.Value[i].Headers.ETag)).ToList();
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<ReservationEntry?> TryReplaceAsync(ReservationEntry stale, Reservation reservation, ReservationHolder holder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var entity = ToEntity(reservation, holder, now);
            using var response = await tables.Reservations.UpdateEntityAsync(entity, new ETag(stale.ETag), TableUpdateMode.Replace, cancellationToken);
            return FromEntity(entity, response.Headers.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }
    }

    public async Task ConfirmAsync(ReservationEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var patch = new TableEntity(entry.Scope, Row(entry.Scope, entry.Key)) { ["Confirmed"] = true };
            await tables.Reservations.UpdateEntityAsync(patch, new ETag(entry.ETag), TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Taken over or released meanwhile: nothing to confirm.
        }
    }

    public async Task ReleaseAsync(string scope, string key, ReservationHolder holder, CancellationToken cancellationToken)
    {
        if (await GetAsync(scope, key, cancellationToken) is { } entry && entry.Holder == holder)
        {
            await ReleaseAsync(entry, cancellationToken);
        }
    }

    public async Task<bool> ReleaseAsync(ReservationEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Reservations.DeleteEntityAsync(entry.Scope, Row(entry.Scope, entry.Key), new ETag(entry.ETag), cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404)
        {
            // Gone already.
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412)
        {
            // Changed since: someone else holds it now.
            return false;
        }
    }

    private static TableEntity ToEntity(Reservation reservation, ReservationHolder holder, DateTimeOffset now) => new(reservation.Scope, Row(reservation.Scope, reservation.Key))
    {
        ["Key"] = reservation.Key,
        ["HolderDealer"] = holder.DealerCode,
        ["HolderType"] = holder.DocumentType,
        ["HolderNumber"] = holder.DocumentNumber,
        ["ReservedAt"] = now.UtcDateTime,
        ["Confirmed"] = false,
        ["Data"] = reservation.Data is null ? null : JsonSerializer.Serialize(reservation.Data),
    };

    // An entity just written, with the ETag the service gave it (a confirm can then go without a read).
    private static ReservationEntry FromEntity(TableEntity written, ETag? etag)
    {
        written.ETag = etag ?? default;
        return FromEntity(written);
    }

    private static ReservationEntry FromEntity(TableEntity e) => new(
        e.PartitionKey,
        e.GetString("Key"),
        new ReservationHolder(e.GetString("HolderDealer"), e.GetString("HolderType"), e.GetString("HolderNumber")),
        e.GetDateTimeOffset("ReservedAt") ?? default,
        e.GetBoolean("Confirmed") ?? false,
        e.GetString("Data") is { } data ? JsonSerializer.Deserialize<Dictionary<string, string>>(data)! : new Dictionary<string, string>(),
        e.ETag.ToString());
}
