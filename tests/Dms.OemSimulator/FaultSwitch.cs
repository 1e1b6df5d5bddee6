using Microsoft.Extensions.Options;

namespace Dms.OemSimulator;

/// <summary>The faults in force now: starts from configuration, replaced whole by <c>POST /control</c>.</summary>
internal sealed class FaultSwitch(IOptions<SimulatorOptions> options)
{
    private Faults _current = options.Value.Faults;

    public Faults Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }
}
