using Dms.Adapters.Rest.Internal;
using Microsoft.Extensions.Time.Testing;

namespace Dms.Adapters.Rest.Tests;

public sealed class CircuitGatesTests
{
    private static readonly TimeSpan Trial = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void WaitFor_OpenCircuit_WaitTheBreak_ThenOneTrialGoes_OthersWaitForIt()
    {
        var gates = new CircuitGates(_clock);
        Assert.Null(gates.WaitFor("oem", Trial));

        gates.Opened("oem", TimeSpan.FromSeconds(15));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var during = gates.WaitFor("oem", Trial);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var trial = gates.WaitFor("oem", Trial);
        var others = gates.WaitFor("oem", Trial);

        Assert.Equal(TimeSpan.FromSeconds(10), during);
        Assert.Null(trial);
        Assert.Equal(Trial, others);
        Assert.Null(gates.WaitFor("hq", Trial));
    }

    [Fact]
    public void WaitFor_TrialAnswered_ClosedGoes_ReopenedWaitsAgain()
    {
        var gates = new CircuitGates(_clock);
        gates.Opened("oem", TimeSpan.FromSeconds(15));
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Null(gates.WaitFor("oem", Trial));

        gates.Opened("oem", TimeSpan.FromSeconds(15));
        var reopened = gates.WaitFor("oem", Trial);
        gates.Closed("oem");

        Assert.Equal(TimeSpan.FromSeconds(15), reopened);
        Assert.Null(gates.WaitFor("oem", Trial));
    }
}
