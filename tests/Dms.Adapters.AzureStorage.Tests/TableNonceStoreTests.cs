using Dms.Hub.Dealers;

namespace Dms.Adapters.AzureStorage.Tests;

public sealed class TableNonceStoreTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private INonceStore Nonces => fixture.Get<INonceStore>();

    [Fact]
    public async Task Prune_ForgetsOldNonces_KeepsRecentOnesGuarded()
    {
        var now = DateTimeOffset.UtcNow;
        var old = now.AddHours(-3);
        Assert.True(await Nonces.TryRememberAsync("D1", "old-nonce", old, default));
        Assert.True(await Nonces.TryRememberAsync("D1", "fresh-nonce", now, default));

        var pruned = await Nonces.PruneAsync(now - NoncePruning.Keep, default);

        Assert.True(pruned >= 1);
        Assert.True(await Nonces.TryRememberAsync("D1", "old-nonce", old, default));
        Assert.False(await Nonces.TryRememberAsync("D1", "fresh-nonce", now, default));
    }
}
