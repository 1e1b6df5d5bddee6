using Dms.Console.Internal;
using Dms.Hub.Insights;

namespace Dms.Console.Tests.Http;

/// <summary>HQ figures measured on the hub's own timeline (the demo history answers VOR orders within 10 minutes to 6 hours).</summary>
[Collection(ConsoleHub.Name)]
public sealed class HqFigureTests(ConsoleFixture fixture)
{
    private static readonly string[] Buckets = ["15m", "1h", "2h", "4h", "8h"];

    [Fact]
    public async Task VorAcknowledgementTime_IsTheTimeFromSubmissionToTheDepotsAnswer()
    {
        var view = await fixture.Hub.Service<HqFigures>().ReadAsync("parts-order", ViewScope.Everything, null, null, null, 90, CancellationToken.None);

        var acked = view!.Flow.GetValueOrDefault("vorAcked");
        Assert.True(acked > 0, "the demo history acknowledges VOR orders");
        Assert.InRange(view.Flow.GetValueOrDefault("vorAckSeconds") / (double)acked, 600, 6 * 3600);
        Assert.Equal(0, view.Flow.GetValueOrDefault("vorAck.more"));
        Assert.Equal(acked, Buckets.Sum(b => view.Flow.GetValueOrDefault("vorAck." + b)));
    }
}
