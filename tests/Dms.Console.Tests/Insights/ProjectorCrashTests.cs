using Dms.Hub.Insights;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Tests.Insights;

/// <summary>
/// The projector stopped at every step of a projection — after writing its receipts, after writing the listing, after
/// counting (which removes the receipts) — and started again: the counters still equal a recount (nothing counted twice, nothing lost).
/// </summary>
public sealed class ProjectorCrashTests(ProjectorCrashTests.CrashingFixture fixture) : IClassFixture<ProjectorCrashTests.CrashingFixture>
{
    [Fact]
    public async Task ProjectorInterruptedAfterEachStep_CountsEveryChangeExactlyOnce()
    {
        var dealer = await fixture.DealerAsync("West");
        for (var round = 0; round < 6 && fixture.InterruptedSteps.Count < 3; round++)
        {
            // Rounds caught up one by one: each is projected in passes of its own, so the interruptions move over every step.
            for (var i = 0; i < 3; i++)
            {
                var vin = TestDocuments.NewVin();
                await fixture.SubmitAsync(dealer, "retail-delivery-reports", TestDocuments.Rdr(vin, TestDocuments.Today.AddDays(-20)));
                await fixture.SubmitAsync(dealer, "warranty-claims", TestDocuments.Claim(vin));
            }

            await fixture.CaughtUpAsync();
        }

        Assert.Equal(["count", "listing", "putReceipts"], fixture.InterruptedSteps.Order(StringComparer.Ordinal));
        await Recount.CountersMatchAsync(fixture);
    }

    public sealed class CrashingFixture(AzuriteFixture azurite) : ConsoleFixture(azurite)
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _interrupted = new(StringComparer.Ordinal);
        private readonly Random _random = new(7);

        /// <summary>The steps after which the projection was stopped at least once.</summary>
        public IReadOnlyCollection<string> InterruptedSteps => _interrupted.Keys.ToList();

        protected override void ConfigureServices(IServiceCollection services)
        {
            Decorate<ICounterStore>(services, inner => new InterruptingCounters((ICounterStore)inner, this));
            Decorate<IListingStore>(services, inner => new InterruptingListing((IListingStore)inner, this));
        }

        /// <summary>
        /// One write in three (drawn at random, seeded) goes through and then "crashes" the projection before it can go
        /// on: a fixed period could keep stopping a retried pass at the same write forever.
        /// </summary>
        internal void AfterWrite(string step)
        {
            bool stop;
            lock (_random)
            {
                stop = _random.Next(3) == 0;
            }

            if (stop)
            {
                _interrupted.TryAdd(step, 0);
                throw new IOException("The projector stopped here.");
            }
        }

        private static void Decorate<T>(IServiceCollection services, Func<object, T> wrap)
            where T : class
        {
            var original = services.Last(d => d.ServiceType == typeof(T));
            services.Remove(original);
            services.AddSingleton(sp => wrap(original.ImplementationInstance ?? original.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, original.ImplementationType!)));
        }
    }

    private sealed class InterruptingCounters(ICounterStore inner, CrashingFixture fixture) : ICounterStore
    {
        public Task<IReadOnlyDictionary<string, ProjectionReceipt>> GetReceiptsAsync(CancellationToken cancellationToken) => inner.GetReceiptsAsync(cancellationToken);

        public async Task<IReadOnlyList<ProjectionReceipt>> PutReceiptsAsync(IReadOnlyList<ProjectionReceipt> receipts, CancellationToken cancellationToken)
        {
            var result = await inner.PutReceiptsAsync(receipts, cancellationToken);
            fixture.AfterWrite("putReceipts");
            return result;
        }

        public async Task<IReadOnlyList<ProjectionReceipt>> CountAsync(IReadOnlyList<(ProjectionReceipt Receipt, IReadOnlyList<CounterDelta> Deltas)> changes, CancellationToken cancellationToken)
        {
            var result = await inner.CountAsync(changes, cancellationToken);
            fixture.AfterWrite("count");
            return result;
        }

        public Task<IReadOnlyList<CounterRow>> ReadAsync(CounterScope scope, CounterGrain grain, IReadOnlyList<string> documentTypes, DateTimeOffset start, DateTimeOffset until, IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken) =>
            inner.ReadAsync(scope, grain, documentTypes, start, until, metrics, cancellationToken);

        public Task<CounterRow> ReadGaugesAsync(CounterScope scope, string documentType, CancellationToken cancellationToken) => inner.ReadGaugesAsync(scope, documentType, cancellationToken);

        public Task<IReadOnlyList<CounterRow>> GetAsync(IReadOnlyList<CounterKey> keys, CancellationToken cancellationToken) => inner.GetAsync(keys, cancellationToken);

        public Task<IReadOnlyList<CounterRow>> ReadDealerHealthAsync(DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken) => inner.ReadDealerHealthAsync(start, until, cancellationToken);

        public Task<IReadOnlyList<CounterRow>> ReadDealerGaugesAsync(IReadOnlyCollection<string>? metrics, CancellationToken cancellationToken) => inner.ReadDealerGaugesAsync(metrics, cancellationToken);

        public Task<IReadOnlyList<CounterRow>> ReadFailureTallyAsync(CancellationToken cancellationToken) => inner.ReadFailureTallyAsync(cancellationToken);

        public Task<LeaseOutcome> TryLeaseAsync(string name, string owner, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken) => inner.TryLeaseAsync(name, owner, now, duration, cancellationToken);

        public Task<DateTimeOffset?> GetWatermarkAsync(CancellationToken cancellationToken) => inner.GetWatermarkAsync(cancellationToken);

        public Task SetWatermarkAsync(DateTimeOffset at, CancellationToken cancellationToken) => inner.SetWatermarkAsync(at, cancellationToken);
    }

    private sealed class InterruptingListing(IListingStore inner, CrashingFixture fixture) : IListingStore
    {
        public Task<DocumentFacts?> GetAsync(string trackingId, CancellationToken cancellationToken) => inner.GetAsync(trackingId, cancellationToken);

        public async Task PutAsync(IReadOnlyList<DocumentFacts> facts, IReadOnlyCollection<DocumentFacts> former, CancellationToken cancellationToken)
        {
            await inner.PutAsync(facts, former, cancellationToken);
            fixture.AfterWrite("listing");
        }

        public Task<ListingPage> QueryAsync(ListingQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
    }
}
