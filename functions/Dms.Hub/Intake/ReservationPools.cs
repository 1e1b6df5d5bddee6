using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Hub.Intake;

/// <summary>
/// Counted reservations (<see cref="Reservation.Capacity"/>): a pool of N units in one scope, each unit a row of its
/// own (<c>unit|0001</c> …), so two claimers of the last unit race on one row and exactly one wins. A unit whose holder
/// is no longer live (its document was never stored, or was cancelled or rejected) is taken over under its ETag,
/// so a crash between claiming a unit and storing the document never leaks the unit.
/// </summary>
internal sealed class ReservationPools(IReservationStore store, TimeProvider clock)
{
    public static string SlotKey(int slot) => "unit|" + slot.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Takes a unit of the pool for <paramref name="holder"/>; the unit as stored (with its ETag), or the one it holds.</summary>
    public async Task<(ClaimOutcome, ReservationEntry?)> ClaimAsync(Reservation pool, ReservationHolder holder, Func<ReservationEntry, CancellationToken, Task<bool>> isLive, CancellationToken cancellationToken)
    {
        var capacity = pool.Capacity!.Value;

        // Every failed attempt means another claimer filled a slot, so capacity + a few attempts always decide.
        for (var attempt = 0; attempt < capacity + 5; attempt++)
        {
            var entries = await store.ListAsync(pool.Scope, cancellationToken);
            if (entries.FirstOrDefault(e => e.Holder == holder) is { } mine)
            {
                return (ClaimOutcome.AlreadyHeld, mine);
            }

            var free = FreeSlots(entries, capacity);
            if (entries.Count < capacity && free.Count > 0)
            {
                // A random free unit spreads concurrent claimers over the free rows instead of all racing for one.
                if (await store.TryAddAsync(pool.Scope, [pool with { Key = SlotKey(free[Random.Shared.Next(free.Count)]) }], holder, clock.GetUtcNow(), cancellationToken) is [var unit])
                {
                    return (ClaimOutcome.Added, unit);
                }

                continue;
            }

            var stale = new List<ReservationEntry>();
            var live = 0;
            foreach (var entry in entries)
            {
                if (await isLive(entry, cancellationToken))
                {
                    live++;
                }
                else if (IsSlot(entry.Key, capacity))
                {
                    stale.Add(entry);
                }
            }

            if (live >= capacity)
            {
                return (ClaimOutcome.Conflict, null);
            }

            var claimed = free.Count > 0
                ? (await store.TryAddAsync(pool.Scope, [pool with { Key = SlotKey(free[Random.Shared.Next(free.Count)]) }], holder, clock.GetUtcNow(), cancellationToken))?.SingleOrDefault()
                : stale.Count > 0 ? await TakeOverAsync(stale[Random.Shared.Next(stale.Count)], pool, holder, cancellationToken) : null;
            if (claimed is not null)
            {
                return (ClaimOutcome.Added, claimed);
            }
        }

        return (ClaimOutcome.Conflict, null);
    }

    /// <summary>Whether the pool has no unit left for <paramref name="holder"/> (read-only).</summary>
    public async Task<bool> IsExhaustedAsync(Reservation pool, ReservationHolder holder, Func<ReservationEntry, CancellationToken, Task<bool>> isLive, CancellationToken cancellationToken)
    {
        var entries = await store.ListAsync(pool.Scope, cancellationToken);
        if (entries.Any(e => e.Holder == holder))
        {
            return false;
        }

        var live = 0;
        foreach (var entry in entries)
        {
            live += await isLive(entry, cancellationToken) ? 1 : 0;
        }

        return live >= pool.Capacity!.Value;
    }

    /// <summary>Gives back whatever unit of the pool <paramref name="holder"/> holds.</summary>
    public async Task ReleaseAsync(string scope, ReservationHolder holder, CancellationToken cancellationToken)
    {
        foreach (var entry in (await store.ListAsync(scope, cancellationToken)).Where(e => e.Holder == holder))
        {
            await store.ReleaseAsync(entry, cancellationToken);
        }
    }

    private Task<ReservationEntry?> TakeOverAsync(ReservationEntry stale, Reservation pool, ReservationHolder holder, CancellationToken cancellationToken) =>
        store.TryReplaceAsync(stale, pool with { Key = stale.Key }, holder, clock.GetUtcNow(), cancellationToken);

    /// <summary>
    /// The units no row holds, counted without spelling them: only the one picked becomes a key. Spelling every unit's
    /// key on each claim (a pool of thousands) was 1.7 % of the hub's allocated bytes (perf13).
    /// </summary>
    internal static FreeUnits FreeSlots(IReadOnlyCollection<ReservationEntry> entries, int capacity)
    {
        var taken = new HashSet<int>();
        foreach (var entry in entries)
        {
            // Only a key exactly as SlotKey spells it holds its unit (as when keys were compared as strings).
            if (IsSlot(entry.Key, capacity) && int.Parse(entry.Key.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture) is var slot && SlotKey(slot) == entry.Key)
            {
                taken.Add(slot);
            }
        }

        return new FreeUnits(taken, capacity);
    }

    /// <summary>Units 1…capacity less those taken.</summary>
    internal readonly record struct FreeUnits(HashSet<int> Taken, int Capacity)
    {
        public int Count => Capacity - Taken.Count;

        /// <summary>The <paramref name="index"/>-th free unit in ascending order (0 ≤ index &lt; <see cref="Count"/>).</summary>
        public int this[int index]
        {
            get
            {
                for (var slot = 1; slot <= Capacity; slot++)
                {
                    if (!Taken.Contains(slot) && index-- == 0)
                    {
                        return slot;
                    }
                }

                throw new ArgumentOutOfRangeException(nameof(index));
            }
        }
    }

    private static bool IsSlot(string key, int capacity) =>
        key.StartsWith("unit|", StringComparison.Ordinal)
        && int.TryParse(key.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var slot)
        && slot >= 1 && slot <= capacity;
}
