using System.Text.Json.Nodes;
using Dms.Functions.Startup.History;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.RetailDeliveries;
using Dms.Hub.Storage;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;

namespace Dms.Functions.Startup;

/// <summary>
/// Once storage answers: store the bootstrap operator and OEM keys from configuration (hashed), and in demo mode
/// seed dealers D001…, their keys and some accepted RDRs. Every step is idempotent, so restarts are harmless.
/// </summary>
internal sealed partial class StartupTasks(
    IEnumerable<IHealthProbe> probes,
    DealerDirectory directory,
    IDealerStore dealers,
    SoapSecrets soapSecrets,
    DocumentIntake intake,
    DocumentTypeRegistry types,
    DemoDocumentHistory history,
    Dms.Hub.PartsOrders.Inventory.PartsInventory partsInventory,
    IOptions<SecurityOptions> security,
    IOptions<DemoOptions> demo,
    DemoHq demoHq,
    TimeProvider clock,
    ILogger<StartupTasks> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if ((await Task.WhenAll(probes.Select(p => p.IsHealthyAsync(stoppingToken)))).All(ok => ok))
                {
                    await RunAsync(stoppingToken);
                    return;
                }
            }
            catch (Exception ex) when (Http.ExceptionMapping.IsTransient(ex))
            {
                LogWaiting(logger, ex);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Seeding is a convenience: a failure is logged, the hub keeps serving.
                LogFailed(logger, ex);
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), stoppingToken);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var options = security.Value;
        if (options.BootstrapAdminKey is { Length: > 0 } adminKey)
        {
            await directory.EnsureKeyAsync(adminKey, "operator", PrincipalRole.Admin, demo: false, cancellationToken);
        }

        if (options.BootstrapOemKey is { Length: > 0 } oemKey)
        {
            await directory.EnsureKeyAsync(oemKey, "oem", PrincipalRole.Oem, demo: false, cancellationToken);
        }

        if (demo.Value.Enabled)
        {
            await SeedDemoAsync(demo.Value, cancellationToken);
            await demoHq.SeedAsync(demo.Value.DealerCount, cancellationToken);
            LogDemoReady(logger, demo.Value.DealerCount);
            var dealerList = (await dealers.ListAsync(cancellationToken)).Where(d => d.Demo).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
            await history.SeedAsync(dealerList, demo.Value.HistoryDays, cancellationToken);
        }
    }

    private async Task SeedDemoAsync(DemoOptions options, CancellationToken cancellationToken)
    {
        await directory.EnsureKeyAsync("demo-key-OEM", "oem", PrincipalRole.Oem, demo: true, cancellationToken);
        await directory.EnsureKeyAsync("demo-key-ADMIN", "operator", PrincipalRole.Admin, demo: true, cancellationToken);
        for (var i = 1; i <= options.DealerCount; i++)
        {
            var code = DemoData.DealerCode(i);
            if (await dealers.GetAsync(code, cancellationToken) is null)
            {
                await dealers.UpsertAsync(new Dealer
                {
                    Code = code, Name = $"Demo Motors {code}", Region = DemoData.Region(i), District = DemoData.District(i), Brand = DemoData.Brand(i),
                    Demo = true, Stage = "test", CreatedAt = clock.GetUtcNow() - DemoData.OnboardedBefore,
                }, cancellationToken);
            }

            await directory.EnsureKeyAsync(DemoData.DealerKey(code), code, PrincipalRole.Dealer, demo: true, cancellationToken);
            await soapSecrets.EnsureAsync(code, DemoData.SoapSecret(code), demo: true, cancellationToken);
        }

        var rdr = types.Get(RetailDeliveryType.TypeName);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 1; i <= options.SeedVehicles; i++)
        {
            var code = DemoData.DealerCode(((i - 1) % options.DealerCount) + 1);
            var dealer = (await directory.GetDealerAsync(code, cancellationToken))!;
            var delivered = today.AddDays(-30 * i);
            var body = new JsonObject
            {
                ["reportNumber"] = $"DEMO-RDR-{i:D4}",
                ["vin"] = DemoData.VinFor(i),
                ["saleDate"] = delivered.AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["deliveryDate"] = delivered.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["deliveryOdometer"] = new JsonObject { ["value"] = 8, ["unit"] = "km" },
                ["saleType"] = "Retail",
                ["vehicle"] = new JsonObject { ["modelCode"] = i % 2 == 0 ? "AUR-SUV" : "BOR-SED", ["modelYear"] = 2026 },
                ["buyer"] = new JsonObject { ["type"] = "Person", ["name"] = $"Demo Buyer {i}" },
            };
            var submission = new Submission(rdr, dealer, System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", null,
                new Actor("demo-seed", "system", "demo", null));
            await intake.SubmitAsync(submission, cancellationToken);
        }

        await PartsDemoData.SeedAsync(partsInventory, directory, clock.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Debug, Message = "Waiting for storage before seeding")]
    private static partial void LogWaiting(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Error, Message = "Start-up seeding failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Demo data ready: {DealerCount} dealers D001…, keys demo-key-D001…, demo-key-OEM, demo-key-ADMIN, SOAP passwords demo-soap-D001…")]
    private static partial void LogDemoReady(ILogger logger, int dealerCount);
}
