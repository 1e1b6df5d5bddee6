using System.Globalization;
using Dms.Hub.Intake;
using Dms.Hub.Storage;
using Microsoft.Extensions.Options;

namespace Dms.Hub.VehicleOrders;

/// <summary>
/// What is left of a dealer's allocation: per allocated model and period, the units, the live orders holding one (an
/// order holds its unit from intake until it is cancelled or rejected) and the remainder — read from the same pool
/// rows the allocation check claims, so the dealer sees what the next order will meet.
/// </summary>
public sealed class OrderAllocations(IOptionsMonitor<VehicleOrderOptions> options, IReservationStore store, Reservations reservations, TimeProvider clock)
{
    /// <summary>The periods shown when none are asked for: this month and the next two.</summary>
    public const int DefaultPeriods = 3;

    public bool Enabled => options.CurrentValue.Allocation.Enabled;

    /// <summary>This month and the following ones, as allocation periods (YYYY-MM).</summary>
    public IReadOnlyList<string> UpcomingPeriods(int count)
    {
        var month = clock.GetUtcNow().UtcDateTime;
        return Enumerable.Range(0, count).Select(i => month.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The dealer's balance for each allocated model (or only <paramref name="model"/>) in each period.</summary>
    public async Task<IReadOnlyList<AllocationBalance>> ForDealerAsync(string dealerCode, IReadOnlyList<string> periods, string? model, CancellationToken cancellationToken)
    {
        var allocation = options.CurrentValue.Allocation;
        var models = allocation.UnitsPerPeriod.Keys
            .Concat(allocation.Dealers.TryGetValue(dealerCode, out var own) ? own.Keys : [])
            .Where(m => model is null || m == model)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var balances = new List<AllocationBalance>();
        foreach (var modelCode in models)
        {
            if (allocation.UnitsFor(dealerCode, modelCode) is not { } units)
            {
                continue;
            }

            foreach (var period in periods)
            {
                var orders = new List<string>();
                foreach (var entry in await store.ListAsync(VehicleOrderType.AllocationScope(dealerCode, modelCode, period), cancellationToken))
                {
                    if (await reservations.IsLiveAsync(entry, cancellationToken))
                    {
                        orders.Add(entry.Holder.DocumentNumber);
                    }
                }

                orders.Sort(StringComparer.Ordinal);
                balances.Add(new AllocationBalance(modelCode, period, units, orders.Count, Math.Max(0, units - orders.Count), orders));
            }
        }

        return balances;
    }
}

/// <summary>One model's allocation in one period: units, units held by live orders (their numbers) and units left.</summary>
public sealed record AllocationBalance(string ModelCode, string Period, int Units, int Used, int Remaining, IReadOnlyList<string> DealerOrderNumbers);
