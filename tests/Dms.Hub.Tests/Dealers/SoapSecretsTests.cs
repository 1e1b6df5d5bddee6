using Dms.Hub.Dealers;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Hub.Tests.Dealers;

public sealed class SoapSecretsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
    private readonly CountingStore _store = new();

    [Fact]
    public async Task Verify_CredentialReadOnceWhileCached_RotationHereCountsAtOnce()
    {
        var secrets = Secrets();
        var first = await secrets.IssueAsync("D001", demo: false, "first-password", default);

        Assert.True(await secrets.VerifyTextAsync("D001", first, default));
        Assert.True(await secrets.VerifyTextAsync("D001", first, default));
        Assert.Equal(1, _store.Reads);

        var second = await secrets.IssueAsync("D001", demo: false, null, default);
        Assert.False(await secrets.VerifyTextAsync("D001", first, default));
        Assert.True(await secrets.VerifyTextAsync("D001", second, default));
    }

    [Fact]
    public async Task Verify_UnknownDealerNotCached_ItsPasswordWorksOnceIssuedElsewhere()
    {
        var here = Secrets();
        var elsewhere = Secrets();

        Assert.False(await here.VerifyTextAsync("D002", "later", default));
        await elsewhere.IssueAsync("D002", demo: false, "later", default);

        Assert.True(await here.VerifyTextAsync("D002", "later", default));
        Assert.Equal(2, _store.Reads);
    }

    private SoapSecrets Secrets()
    {
        var options = Options.Create(new SecurityOptions { MasterKey = Convert.ToBase64String(new byte[32]), CredentialCacheSeconds = 30 });
        return new SoapSecrets(_store, new SecretProtector(options), options, _clock);
    }

    private sealed class CountingStore : ISoapCredentialStore
    {
        private readonly Dictionary<string, SoapCredential> _credentials = [];

        public int Reads { get; private set; }

        public Task<SoapCredential?> GetAsync(string dealerCode, CancellationToken cancellationToken)
        {
            Reads++;
            return Task.FromResult(_credentials.GetValueOrDefault(dealerCode));
        }

        public Task UpsertAsync(SoapCredential credential, CancellationToken cancellationToken)
        {
            _credentials[credential.DealerCode] = credential;
            return Task.CompletedTask;
        }
    }
}
