using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Intake;

/// <summary>
/// Claims a document's reservations and decides whether an existing holder is still alive. A holder is stale when
/// its document was never stored (a crash between reservation and commit) or has moved to a releasing state; a
/// stale reservation is taken over under its ETag, so the scheme heals itself without a sweeper. Counted
/// reservations (allocation units) are claimed from their pool the same way (<see cref="ReservationPools"/>).
/// </summary>
public sealed class Reservations(IReservationStore store, IDocumentStore documents, IServiceProvider services, IOptions<IntakeOptions> options, TimeProvider clock)
{
    private readonly TimeSpan _grace = TimeSpan.FromSeconds(options.Value.ReservationGraceSeconds);
    private readonly ReservationPools _pools = new(store, clock);

    // Resolved on first use: document types hold rules, and the coverage rule reads reservations (a cycle otherwise).
    private readonly Lazy<DocumentTypeRegistry> _types = new(services.GetRequiredService<DocumentTypeRegistry>);

    /// <summary>
    /// Claims all <paramref name="items"/> for <paramref name="holder"/>. If any is held by a live other document,
    /// returns its error and gives back what this call added (reservations the holder already had stay).
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> ReserveAsync(IReadOnlyList<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        var added = new List<Reservation>();
        foreach (var pool in items.Where(r => r.Capacity is not null))
        {
            switch (await _pools.ClaimAsync(pool, holder, IsLiveAsync, cancellationToken))
            {
                case ReservationClaim.Added:
                    added.Add(pool);
                    break;
                case ReservationClaim.Conflict:
                    errors.Add(new ValidationError(pool.ErrorPath, pool.ErrorCode, pool.Message));
                    break;
            }
        }

        foreach (var scope in items.Where(r => r.Capacity is null).GroupBy(r => r.Scope, StringComparer.Ordinal))
        {
            var batch = scope.ToList();
            if (await store.TryAddAsync(scope.Key, batch, holder, clock.GetUtcNow(), cancellationToken))
            {
                added.AddRange(batch);
                continue;
            }

            foreach (var item in batch)
            {
                switch (await TryClaimOneAsync(item, holder, cancellationToken))
                {
                    case ReservationClaim.Added:
                        added.Add(item);
                        break;
                    case ReservationClaim.Conflict:
                        errors.Add(new ValidationError(item.ErrorPath, item.ErrorCode, item.Message));
                        break;
                }
            }
        }

        if (errors.Count > 0)
        {
            await ReleaseAsync(added, holder, cancellationToken);
        }

        return errors;
    }

    /// <summary>Read-only: which reservations would fail. Used to report every violation at once.</summary>
    public async Task<IReadOnlyList<ValidationError>> FindConflictsAsync(IReadOnlyList<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken)
    {
        var errors = new List<ValidationError>();
        foreach (var item in items)
        {
            var conflict = item.Capacity is not null
                ? await _pools.IsExhaustedAsync(item, holder, IsLiveAsync, cancellationToken)
                : await store.GetAsync(item.Scope, item.Key, cancellationToken) is { } existing && existing.Holder != holder && await IsLiveAsync(existing, cancellationToken);
            if (conflict)
            {
                errors.Add(new ValidationError(item.ErrorPath, item.ErrorCode, item.Message));
            }
        }

        return errors;
    }

    public async Task ConfirmAsync(IReadOnlyList<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken)
    {
        foreach (var item in items.Where(i => i.Data is not null))
        {
            if (await store.GetAsync(item.Scope, item.Key, cancellationToken) is { Confirmed: false } entry && entry.Holder == holder)
            {
                await store.ConfirmAsync(entry, cancellationToken);
            }
        }
    }

    public async Task ReleaseAsync(IEnumerable<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await (item.Capacity is null
                ? store.ReleaseAsync(item.Scope, item.Key, holder, cancellationToken)
                : _pools.ReleaseAsync(item.Scope, holder, cancellationToken));
        }
    }

    /// <summary>Gives back everything a document holds once it reaches a releasing state (cancelled, unwound ...).</summary>
    public Task ReleaseIfDoneAsync(DocumentType type, Workflow.DocumentRecord document, CancellationToken cancellationToken) =>
        type.ReleasingStates.Contains(document.Status)
            ? ReleaseAsync(type.ReservationsHeld(document), new ReservationHolder(document.DealerCode, type.Name, document.DocumentNumber), cancellationToken)
            : Task.CompletedTask;

    /// <summary>A reservation is live while its holder's document exists (or may still appear) and holds it.</summary>
    public async Task<bool> IsLiveAsync(ReservationEntry entry, CancellationToken cancellationToken)
    {
        var holder = entry.Holder;
        var key = await documents.GetKeyAsync(holder.DealerCode, IdempotencyEntry.ForDocumentNumber(holder.DocumentType, holder.DocumentNumber), cancellationToken);
        if (key is null)
        {
            return !entry.Confirmed && clock.GetUtcNow() - entry.ReservedAt < _grace;
        }

        var type = _types.Value.Get(holder.DocumentType);
        var document = await documents.GetAsync(holder.DealerCode, holder.DocumentType, key.TrackingId, cancellationToken);
        return document is not null && !type.ReleasingStates.Contains(document.Status);
    }

    private async Task<ReservationClaim> TryClaimOneAsync(Reservation item, ReservationHolder holder, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await store.GetAsync(item.Scope, item.Key, cancellationToken);
            if (existing is null)
            {
                if (await store.TryAddAsync(item.Scope, [item], holder, clock.GetUtcNow(), cancellationToken))
                {
                    return ReservationClaim.Added;
                }

                continue;
            }

            if (existing.Holder == holder)
            {
                return ReservationClaim.AlreadyHeld;
            }

            if (await IsLiveAsync(existing, cancellationToken))
            {
                return ReservationClaim.Conflict;
            }

            if (await store.TryReplaceAsync(existing, item, holder, clock.GetUtcNow(), cancellationToken))
            {
                return ReservationClaim.Added;
            }
        }

        return ReservationClaim.Conflict;
    }
}
