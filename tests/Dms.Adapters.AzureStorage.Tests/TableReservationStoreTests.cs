using Dms.Hub.Registry;
using Dms.Hub.Storage;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class TableReservationStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly ReservationHolder Alice = new("D1", "warranty-claim", "WC-1");
    private static readonly ReservationHolder Bob = new("D2", "warranty-claim", "WC-9");

    private IReservationStore Reservations => fixture.Get<IReservationStore>();

    [Fact]
    public async Task TryAdd_OneScopeIsAtomic_AnyExistingKeyAddsNothing()
    {
        var scope = "vin|" + TestDocuments.NewVin();
        Assert.NotNull(await Reservations.TryAddAsync(scope, [Claim(scope, "a")], Alice, DateTimeOffset.UtcNow, default));

        var added = await Reservations.TryAddAsync(scope, [Claim(scope, "b"), Claim(scope, "a")], Bob, DateTimeOffset.UtcNow, default);

        Assert.Null(added);
        Assert.Null(await Reservations.GetAsync(scope, "b", default));
        Assert.Equal(Alice, (await Reservations.GetAsync(scope, "a", default))!.Holder);
    }

    [Fact]
    public async Task TryReplace_OnlyFromTheVersionRead()
    {
        var scope = "vin|" + TestDocuments.NewVin();
        await Reservations.TryAddAsync(scope, [Claim(scope, "a")], Alice, DateTimeOffset.UtcNow, default);
        var stale = (await Reservations.GetAsync(scope, "a", default))!;

        Assert.Equal(Bob, (await Reservations.TryReplaceAsync(stale, Claim(scope, "a"), Bob, DateTimeOffset.UtcNow, default))?.Holder);
        Assert.Null(await Reservations.TryReplaceAsync(stale, Claim(scope, "a"), Alice, DateTimeOffset.UtcNow, default));
        Assert.Equal(Bob, (await Reservations.GetAsync(scope, "a", default))!.Holder);
    }

    [Fact]
    public async Task ReleaseAnEntry_UnderTheETagItWasWrittenWith_NothingOnceItChanged()
    {
        var scope = "vin|" + TestDocuments.NewVin();
        var written = (await Reservations.TryAddAsync(scope, [Claim(scope, "a"), Claim(scope, "b")], Alice, DateTimeOffset.UtcNow, default))!;
        Assert.NotNull(await Reservations.TryReplaceAsync(written[1], Claim(scope, "b"), Bob, DateTimeOffset.UtcNow, default));

        // Deleted, or gone already: done. Changed since (another holder): not done — the caller looks again.
        Assert.True(await Reservations.ReleaseAsync(written[0], default));
        Assert.True(await Reservations.ReleaseAsync(written[0], default));
        Assert.False(await Reservations.ReleaseAsync(written[1], default));

        Assert.Null(await Reservations.GetAsync(scope, "a", default));
        Assert.Equal(Bob, (await Reservations.GetAsync(scope, "b", default))!.Holder);
    }

    [Fact]
    public async Task ConfirmAndRelease_DataKept_OnlyTheHolderReleases()
    {
        var scope = "vin|" + TestDocuments.NewVin();
        var retail = new Reservation(scope, "retail", "/vin", "VIN_ALREADY_RETAILED", "m", new Dictionary<string, string> { ["warrantyStart"] = "2026-11-01" });
        await Reservations.TryAddAsync(scope, [retail], Alice, DateTimeOffset.UtcNow, default);

        await Reservations.ConfirmAsync((await Reservations.GetAsync(scope, "retail", default))!, default);
        await Reservations.ReleaseAsync(scope, "retail", Bob, default);
        var kept = await Reservations.GetAsync(scope, "retail", default);
        await Reservations.ReleaseAsync(scope, "retail", Alice, default);

        Assert.True(kept!.Confirmed);
        Assert.Equal("2026-11-01", kept.Data["warrantyStart"]);
        Assert.Null(await Reservations.GetAsync(scope, "retail", default));
    }

    [Fact]
    public async Task TryAdd_ReturnsTheStoredEntries_WhoseETagsConfirmWithoutARead()
    {
        var scope = "vin|" + TestDocuments.NewVin();
        var retail = new Reservation(scope, "retail", "/vin", "VIN_ALREADY_RETAILED", "m", new Dictionary<string, string> { ["warrantyStart"] = "2026-11-02" });

        var entry = Assert.Single((await Reservations.TryAddAsync(scope, [retail], Alice, DateTimeOffset.UtcNow, default))!);
        await Reservations.ConfirmAsync(entry, default);

        var stored = (await Reservations.GetAsync(scope, "retail", default))!;
        Assert.Equal((Alice, false, "2026-11-02"), (entry.Holder, entry.Confirmed, entry.Data["warrantyStart"]));
        Assert.True(stored.Confirmed, "confirmed under the ETag the add returned");
        Assert.NotEqual(entry.ETag, stored.ETag);
    }

    [Fact]
    public async Task TheSameKeyInManyScopes_EachRowUniqueInTheTable_ReadListedAndReleasedByItsKey()
    {
        // The row key carries the scope: Azurite looks a row up by row key first, so "retail" in every VIN's partition
        // made each point read scan every retailed VIN's row.
        var scopes = Enumerable.Range(0, 3).Select(_ => "vin|" + TestDocuments.NewVin()).ToList();
        foreach (var scope in scopes)
        {
            await Reservations.TryAddAsync(scope, [Claim(scope, "retail")], Alice, DateTimeOffset.UtcNow, default);
        }

        var rows = fixture.Get<Internal.TableSet>().Reservations;
        var stored = await rows.GetEntityAsync<Azure.Data.Tables.TableEntity>(scopes[1], Internal.TableReservationStore.Row(scopes[1], "retail"));
        Assert.Equal("retail@" + scopes[1], stored.Value.RowKey);
        Assert.Equal("retail", Assert.Single(await Reservations.ListAsync(scopes[1], default)).Key);

        Assert.True(await Reservations.ReleaseAsync((await Reservations.GetAsync(scopes[1], "retail", default))!, default));
        Assert.Null(await Reservations.GetAsync(scopes[1], "retail", default));
        Assert.NotNull(await Reservations.GetAsync(scopes[0], "retail", default));
        Assert.NotNull(await Reservations.GetAsync(scopes[2], "retail", default));
    }

    private static Reservation Claim(string scope, string key) => new(scope, key, "/laborLines/0/operationCode", "DUPLICATE_CLAIM", "dup");
}
