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
    public async Task<IReadOnlyList<ValidationError>> ReserveAsync(IReadOnlyList<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken) =>
        (await ClaimAsync(items, holder, cancellationToken)).Errors;

    /// <summary>
    /// The common case, one batch per scope: claims every reservation when none exists yet. Null when any does — the
    /// same document's earlier request (a replay), a twin in flight, or another document — with nothing left added;
    /// <see cref="ClaimAsync"/> then sorts it out one reservation at a time.
    /// </summary>
    public async Task<ReservationClaim?> TryClaimNewAsync(IReadOnlyList<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken)
    {
        var added = new List<ReservationEntry>();
        foreach (var pool in items.Where(r => r.Capacity is not null))
        {
            // A pool is listed before a unit is taken (the holder may hold one already); anything but a fresh unit
            // sends the request down the careful path.
            if (await _pools.ClaimAsync(pool, holder, IsLiveAsync, cancellationToken) is not (ClaimOutcome.Added, { } unit))
            {
                await ReleaseAsync(added, cancellationToken);
                return null;
            }

            added.Add(unit);
        }

        foreach (var scope in items.Where(r => r.Capacity is null).GroupBy(r => r.Scope, StringComparer.Ordinal))
        {
            if (await store.TryAddAsync(scope.Key, scope.ToList(), holder, clock.GetUtcNow(), cancellationToken) is not { } entries)
            {
                await ReleaseAsync(added, cancellationToken);
                return null;
            }

            added.AddRange(entries);
        }

        return new ReservationClaim([], added, added);
    }

    /// <summary>As <see cref="ReserveAsync"/>, and says what was added and what the holder holds now (with ETags).</summary>
    /// <param name="batchFirst">Try each scope as one batch first (false when <see cref="TryClaimNewAsync"/> just failed).</param>
    public async Task<ReservationClaim> ClaimAsync(IReadOnlyList<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken, bool batchFirst = true)
    {
        var errors = new List<ValidationError>();
        var added = new List<ReservationEntry>();
        var held = new List<ReservationEntry>();
        foreach (var pool in items.Where(r => r.Capacity is not null))
        {
            Tally(await _pools.ClaimAsync(pool, holder, IsLiveAsync, cancellationToken), pool);
        }

        foreach (var scope in items.Where(r => r.Capacity is null).GroupBy(r => r.Scope, StringComparer.Ordinal))
        {
            if (batchFirst && await store.TryAddAsync(scope.Key, scope.ToList(), holder, clock.GetUtcNow(), cancellationToken) is { } entries)
            {
                added.AddRange(entries);
                held.AddRange(entries);
                continue;
            }

            foreach (var item in scope)
            {
                Tally(await TryClaimOneAsync(item, holder, cancellationToken), item);
            }
        }

        if (errors.Count > 0)
        {
            await ReleaseAsync(added, cancellationToken);
            return new ReservationClaim(errors, [], []);
        }

        return new ReservationClaim(errors, added, held);

        void Tally((ClaimOutcome Outcome, ReservationEntry? Entry) claim, Reservation item)
        {
            switch (claim)
            {
                case (ClaimOutcome.Added, { } entry):
                    added.Add(entry);
                    held.Add(entry);
                    break;
                case (ClaimOutcome.AlreadyHeld, { } entry):
                    held.Add(entry);
                    break;
                default:
                    errors.Add(new ValidationError(item.ErrorPath, item.ErrorCode, item.Message));
                    break;
            }
        }
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

    /// <summary>
    /// Marks reservations that carry data (a vehicle's warranty start) as belonging to a stored document, under the
    /// ETags the claim returned, so readers need not check the holder's document.
    /// </summary>
    public async Task ConfirmAsync(ReservationClaim claim, CancellationToken cancellationToken)
    {
        foreach (var entry in claim.Held.Where(e => !e.Confirmed && e.Data.Count > 0))
        {
            await store.ConfirmAsync(entry, cancellationToken);
        }
    }

    /// <param name="units">The pool units the holder's document recorded (<see cref="Workflow.DocumentRecord.Units"/>): each
    /// is deleted under the ETag it was taken with; a pool without one, or whose unit changed since, is listed instead.</param>
    public async Task ReleaseAsync(IEnumerable<Reservation> items, ReservationHolder holder, CancellationToken cancellationToken, IReadOnlyDictionary<string, Workflow.HeldUnit>? units = null)
    {
        foreach (var item in items)
        {
            if (item.Capacity is null)
            {
                await store.ReleaseAsync(item.Scope, item.Key, holder, cancellationToken);
            }
            else if (units?.GetValueOrDefault(item.Scope) is not { } unit
                || !await store.ReleaseAsync(new ReservationEntry(item.Scope, unit.Key, holder, default, false, new Dictionary<string, string>(), unit.ETag), cancellationToken))
            {
                await _pools.ReleaseAsync(item.Scope, holder, cancellationToken);
            }
        }
    }

    /// <summary>Records on the new document the pool units its claim holds, so they are given back without listing their pools.</summary>
    public static void RecordUnits(Workflow.DocumentRecord document, ReservationClaim claim, IReadOnlyList<Reservation> items)
    {
        var pools = items.Where(r => r.Capacity is not null).Select(r => r.Scope).ToHashSet(StringComparer.Ordinal);
        foreach (var unit in claim.Held.Where(e => pools.Contains(e.Scope)))
        {
            document.Units[unit.Scope] = new Workflow.HeldUnit(unit.Key, unit.ETag);
        }
    }

    /// <summary>
    /// Gives back what <paramref name="claim"/> added for a document that was not stored, except what the stored
    /// document with the same number (<paramref name="sameNumber"/>, sharing the holder) holds as well.
    /// </summary>
    public async Task ReleaseUnusedAsync(ReservationClaim claim, DocumentType type, string dealerCode, string? sameNumber, CancellationToken cancellationToken)
    {
        var kept = sameNumber is not null && await documents.GetAsync(dealerCode, type.Name, sameNumber, cancellationToken) is { } stored
            ? type.ReservationsHeld(stored).ToList()
            : [];

        // A pool's unit is the holder's whichever row it is, so a kept pool keeps any unit of its scope.
        bool Kept(ReservationEntry e) => kept.Any(r => r.Scope == e.Scope && (r.Capacity is not null || r.Key == e.Key));
        await ReleaseAsync(claim.Added.Where(e => !Kept(e)), cancellationToken);
    }

    // Entries this request wrote moments ago: deleted under the ETags the writes returned, without reading them again.
    private async Task ReleaseAsync(IEnumerable<ReservationEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            await store.ReleaseAsync(entry, cancellationToken);
        }
    }

    /// <summary>
    /// Gives back everything a document holds while it is in a releasing state (cancelled, unwound ...): run by the
    /// <see cref="ReservationRelease"/> effect that the change into that state committed, with the document as stored.
    /// </summary>
    public Task ReleaseIfDoneAsync(DocumentType type, Workflow.DocumentRecord document, CancellationToken cancellationToken) =>
        type.ReleasingStates.Contains(document.Status)
            ? ReleaseAsync(type.ReservationsHeld(document), new ReservationHolder(document.DealerCode, type.Name, document.DocumentNumber), cancellationToken, document.Units)
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

    private async Task<(ClaimOutcome, ReservationEntry?)> TryClaimOneAsync(Reservation item, ReservationHolder holder, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await store.GetAsync(item.Scope, item.Key, cancellationToken);
            if (existing is null)
            {
                if (await store.TryAddAsync(item.Scope, [item], holder, clock.GetUtcNow(), cancellationToken) is [var added])
                {
                    return (ClaimOutcome.Added, added);
                }

                continue;
            }

            if (existing.Holder == holder)
            {
                return (ClaimOutcome.AlreadyHeld, existing);
            }

            if (await IsLiveAsync(existing, cancellationToken))
            {
                return (ClaimOutcome.Conflict, null);
            }

            if (await store.TryReplaceAsync(existing, item, holder, clock.GetUtcNow(), cancellationToken) is { } replaced)
            {
                return (ClaimOutcome.Added, replaced);
            }
        }

        return (ClaimOutcome.Conflict, null);
    }
}
