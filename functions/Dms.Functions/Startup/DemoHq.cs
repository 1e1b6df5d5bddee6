using Dms.Hub.Dealers;
using Dms.Hub.Reporting;

namespace Dms.Functions.Startup;

/// <summary>The demo's HQ side: an HQ user, the East and West regional managers and the West-A district manager, sales history and reporting history.</summary>
internal sealed partial class DemoHq(HqDirectory hq, IDealerStore dealers, DemoHistory history, DemoReporting reporting, ExpectedReportsJob expected, TimeProvider clock, ILogger<DemoHq> logger)
{
    public async Task SeedAsync(int dealerCount, CancellationToken cancellationToken)
    {
        await hq.EnsureDemoAsync(new HqUser { Id = "hq-demo", Name = "HQ sales analytics", Role = PrincipalRole.Hq, CreatedAt = clock.GetUtcNow() }, DemoData.HqKey, cancellationToken);
        await hq.EnsureDemoAsync(new HqUser { Id = "rm-east", Name = "East region manager", Role = PrincipalRole.RegionalManager, Region = "East", CreatedAt = clock.GetUtcNow() },
            DemoData.RegionalManagerKey, cancellationToken);
        await hq.EnsureDemoAsync(new HqUser { Id = "rm-west", Name = "West region manager", Role = PrincipalRole.RegionalManager, Region = "West", CreatedAt = clock.GetUtcNow() },
            DemoData.WestManagerKey, cancellationToken);
        await hq.EnsureDemoAsync(new HqUser { Id = "dm-west-a", Name = "West-A district manager", Role = PrincipalRole.DistrictManager, Region = "West", District = "West-A", CreatedAt = clock.GetUtcNow() },
            DemoData.WestADistrictManagerKey, cancellationToken);
        var loaded = await history.SeedAsync(dealerCount, cancellationToken);
        var demo = (await dealers.ListAsync(cancellationToken)).Where(d => d.Demo).OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
        await reporting.SeedAsync(demo, cancellationToken);

        // The calendar job runs at start, beside this seeding: it may have listed the dealers while only some were
        // stored and moved its watermark past the periods the others owe (they are onboarded 400 days back). Offer
        // the demo dealers' slots whatever the watermark says — else a late dealer (D003) has no slot at all.
        await expected.OfferAsync(demo, cancellationToken);
        LogReady(logger, loaded);
    }

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "HQ demo ready: {Loaded} historical RDRs loaded, reporting history seeded; keys demo-key-HQ, demo-key-RM-EAST, demo-key-RM-WEST, demo-key-DM-WEST-A")]
    private static partial void LogReady(ILogger logger, int loaded);
}
