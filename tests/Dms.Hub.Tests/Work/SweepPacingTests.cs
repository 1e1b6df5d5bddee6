using Dms.Hub.Work;

namespace Dms.Hub.Tests.Work;

public sealed class SweepPacingTests
{
    [Fact]
    public void AQuickSweep_KeepsItsInterval() =>
        Assert.Equal(TimeSpan.FromSeconds(15), SweepPacing.Next(TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(40)));

    [Fact]
    public void ASlowSweep_TakesAtMostATenthOfTheTime()
    {
        // A look over a million documents on Azurite: seconds. The next waits nine times as long, so sweeps take a tenth.
        var took = TimeSpan.FromSeconds(6.4);
        var wait = SweepPacing.Next(TimeSpan.FromSeconds(3.75), took);

        Assert.Equal(TimeSpan.FromSeconds(57.6), wait);
        Assert.Equal(1.0 / SweepPacing.DutyShare, took / (took + wait), 6);
    }
}
