using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Rest.Tests;

public sealed class WebhookTests
{
    [Fact]
    public void Compute_KnownVector_MatchesIndependentHmac()
    {
        // Computed outside .NET: hmac.new(b"topsecret", b'1700000000.{"a":1}', sha256).hexdigest()
        Assert.Equal("sha256=6a939b0c71853d606167625a15168ee9188c6a511c773ef4f42d307f3849e50f", WebhookSignature.Compute("topsecret", 1700000000, "{\"a\":1}"u8));
    }

    [Fact]
    public void DealerSecrets_DerivedPerDealerAndVersion()
    {
        var secrets = new DealerSecrets(Options.Create(new SecurityOptions { MasterKey = Convert.ToBase64String(new byte[32]) }));
        var dealer = new Dealer { Code = "D1", Name = "n", Region = "r", Brand = "b" };

        Assert.Equal(secrets.WebhookSecret(dealer), secrets.WebhookSecret(dealer));
        Assert.NotEqual(secrets.WebhookSecret(dealer), secrets.WebhookSecret(dealer with { Code = "D2" }));
        Assert.NotEqual(secrets.WebhookSecret(dealer), secrets.WebhookSecret(dealer with { SecretVersion = 2 }));
    }

    [Fact]
    public async Task Notify_NoValidUrl_PermanentWithoutCalling()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSingleton(Options.Create(new SecurityOptions { MasterKey = Convert.ToBase64String(new byte[32]) }));
        services.AddSingleton<DealerSecrets>();
        services.AddRestAdapter(configuration);
        await using var provider = services.BuildServiceProvider();
        var notifier = provider.GetRequiredKeyedService<IDealerNotifier>("webhook");
        var dealer = new Dealer { Code = "D1", Name = "n", Region = "r", Brand = "b", NotificationChannel = "webhook", CallbackUrl = "not a url" };

        var result = await notifier.NotifyAsync(dealer, new Notification("R1", "D1", "T1", "warranty-claim", "WC-1", "Accepted", "Submitted", "Accepted", DateTimeOffset.UtcNow, null, null), default);

        Assert.Equal(DeliveryOutcome.Permanent, result.Outcome);
    }
}
