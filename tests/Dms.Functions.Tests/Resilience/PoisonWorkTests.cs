using Dms.Hub.Common;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Functions.Tests.Resilience;

/// <summary>A work item whose handler always throws is dead-lettered after exactly the configured attempts, with its reason.</summary>
public sealed class PoisonWorkTests(PoisonWorkTests.Fixture fixture) : IClassFixture<PoisonWorkTests.Fixture>
{
    [Fact]
    public async Task HandlerThrowsEveryTime_DeadLetteredAfterConfiguredAttemptsWithReason()
    {
        var dealer = await fixture.Hub.CreateDealerAsync();
        var now = DateTimeOffset.UtcNow;
        var item = new WorkItem(Ids.NewUlid(now), Fixture.PoisonHandler.PoisonKind, dealer.Code, null, null, [], now, now, "corr-poison");
        var changes = new ChangeSet(dealer.Code);
        changes.NewWork.Add(item);

        Assert.Equal(CommitResult.Committed, await fixture.Hub.Service<DocumentCommitter>().CommitAsync(changes, default));

        var letter = await Eventually.GetAsync(() => fixture.Hub.Service<IWorkStore>().GetDeadLetterAsync(dealer.Code, item.Id, default), l => l is not null, what: "dead letter");
        Assert.Equal(4, fixture.Handler.Runs);
        Assert.Equal(4, letter!.Item.Attempt);
        Assert.Contains("InvalidOperationException: poison pill", letter.Reason, StringComparison.Ordinal);
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);
        var listed = (await admin.GetJsonAsync("/api/v1/admin/dead-letters"))["items"]!.AsArray();
        Assert.Contains(listed, l => l!["id"]!.GetValue<string>() == letter.Id && l["kind"]!.GetValue<string>() == "poison");
    }

    public sealed class Fixture(AzuriteFixture azurite) : HubFixture(azurite)
    {
        public PoisonHandler Handler { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IWorkHandler>(Handler);

        public sealed class PoisonHandler : IWorkHandler
        {
            public const string PoisonKind = "poison";
            private int _runs;

            public int Runs => _runs;

            public string Kind => PoisonKind;

            public Task<WorkOutcome> HandleAsync(WorkLease lease, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref _runs);
                throw new InvalidOperationException("poison pill");
            }
        }
    }
}
