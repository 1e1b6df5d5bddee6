using Microsoft.Extensions.Options;

namespace Dms.Functions.Tests.Resilience;

/// <summary>
/// The work runner's poison limit (Dms:Work:Retry:MaxAttempts) dead-letters an item before its handler runs; a
/// destination or notification policy allowing more attempts would be cut short silently, so start-up refuses it.
/// </summary>
public sealed class RetryConfigurationTests
{
    [Fact]
    public async Task DestinationOrNotificationAttemptsAbovePoisonLimit_StartFailsNamingTheSettings()
    {
        var settings = HubSettings.Defaults("UseDevelopmentStorage=true", "cfg", "http://127.0.0.1:9/claims", "http://127.0.0.1:9/rdr");
        settings["Dms:Work:Retry:MaxAttempts"] = "5";
        settings["Dms:Routing:Destinations:oem:Retry:MaxAttempts"] = "12";
        settings["Dms:Notifications:Retry:MaxAttempts"] = "6";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => HubHost.StartAsync(settings, waitReady: false));

        Assert.Contains("Destination 'oem' allows 12 attempts but Dms:Work:Retry:MaxAttempts is 5", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Dms:Notifications:Retry:MaxAttempts is 6", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'hq'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttemptTimeoutOfHalfTheLeaseOrMore_StartFailsNamingTheSetting()
    {
        var settings = HubSettings.Defaults("UseDevelopmentStorage=true", "cfg", "http://127.0.0.1:9/claims", "http://127.0.0.1:9/rdr");
        settings["Dms:Work:LeaseSeconds"] = "20";
        settings["Dms:Routing:Destinations:oem:TimeoutSeconds"] = "10";

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => HubHost.StartAsync(settings, waitReady: false));

        Assert.Contains("Dms:Routing:Destinations:oem:TimeoutSeconds must be below half of Dms:Work:LeaseSeconds", failure.Message, StringComparison.Ordinal);
    }
}
