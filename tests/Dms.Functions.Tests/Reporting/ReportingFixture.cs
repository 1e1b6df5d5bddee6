using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Functions.Tests.Reporting;

/// <summary>
/// A hub on a fake clock with a reporting calendar (Shanghai by default, New York for West dealers) and no background
/// loops: a test moves time, runs the calendar job and drains pending work itself, so every instant is exact.
/// </summary>
public class ReportingFixture(AzuriteFixture azurite) : HubFixture(azurite)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 5, 3, 0, 0, TimeSpan.Zero));

    public async Task RunCalendarJobAsync() =>
        await Hub.Services.GetServices<IScheduledJob>().Single(j => j.Name == "expected-reports").RunAsync(CancellationToken.None);

    /// <summary>Runs every pending work item that is due (routing, delivery, effects) until none is left.</summary>
    public async Task DrainWorkAsync()
    {
        var runner = Hub.Service<WorkRunner>();
        var store = Hub.Service<IWorkStore>();
        for (var round = 0; round < 50; round++)
        {
            var due = new List<WorkItem>();
            await foreach (var item in store.ScanPendingAsync(CancellationToken.None))
            {
                if (item.ReadyAt <= Clock.GetUtcNow())
                {
                    due.Add(item);
                }
            }

            if (due.Count == 0)
            {
                return;
            }

            foreach (var item in due)
            {
                await runner.RunAsync(item.Ref, CancellationToken.None);
            }
        }

        throw new TimeoutException("Work kept coming after 50 rounds.");
    }

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Dms:Work:RunLocalLoop"] = "false";
        settings["Dms:Reporting:TimeZone"] = "Asia/Shanghai";
        settings["Dms:Reporting:RegionTimeZones:West"] = "America/New_York";
        settings["Dms:Reporting:Holidays:0"] = "2026-04-06";
        const string daily = "Dms:Reporting:Reports:daily-sales-summary:";
        settings[daily + "DueBusinessDaysAfter"] = "1";
        settings[daily + "DueTime"] = "10:00";
        settings[daily + "BackfillPeriods"] = "5";
        const string stock = "Dms:Reporting:Reports:monthly-stock-report:";
        settings[stock + "DueDay"] = "10";
        settings[stock + "DueTime"] = "18:00";
        settings[stock + "BackfillPeriods"] = "3";
        foreach (var (step, offset, index) in new[] { ("reminder", "-2.00:00:00", 0), ("late", "00:00:00", 1), ("district", "3.00:00:00", 2), ("region", "7.00:00:00", 3) })
        {
            settings[$"{stock}Escalation:{index}:Step"] = step;
            settings[$"{stock}Escalation:{index}:Offset"] = offset;
            settings[$"{stock}Escalation:{index}:Notify:0"] = step is "reminder" or "late" ? "dealer" : step + "-manager";
        }

        const string financial = "Dms:Reporting:Reports:monthly-financial-statement:";
        settings[financial + "DueBusinessDay"] = "5";
        settings[financial + "DueTime"] = "18:00";
        settings[financial + "BackfillPeriods"] = "3";
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}
