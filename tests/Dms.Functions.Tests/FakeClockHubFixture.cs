using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Functions.Tests;

/// <summary>
/// A hub whose clock is fake and whose work loop is off: a test moves the clock and runs the durable timers itself,
/// so alerts and time-dependent fields are tested without waiting.
/// </summary>
public class FakeClockHubFixture(AzuriteFixture azurite) : HubFixture(azurite)
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Runs every timer of the document that is due on the fake clock; returns how many ran.</summary>
    public async Task<int> RunTimersAsync(string trackingId)
    {
        var runner = Hub.Service<WorkRunner>();
        var ran = 0;
        await foreach (var item in Hub.Service<IWorkStore>().ScanPendingAsync(CancellationToken.None))
        {
            if (item.Kind == WorkKinds.Timer && item.TrackingId == trackingId
                && (await runner.RunAsync(item.Ref, CancellationToken.None)).Kind == WorkOutcomeKind.Completed)
            {
                ran++;
            }
        }

        return ran;
    }

    protected override void Configure(Dictionary<string, string?> settings) => settings["Dms:Work:RunLocalLoop"] = "false";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
