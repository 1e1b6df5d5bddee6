using System.Collections.Concurrent;

namespace Dms.Adapters.Rest.Internal;

/// <summary>
/// What each HTTP client's circuit breaker last said, so work for a destination whose circuit is open can wait
/// before it takes a lease or an attempt. When the break is over one caller goes through (the trial call that closes
/// or reopens the circuit); the others keep waiting until it has answered or its time is up.
/// </summary>
internal sealed class CircuitGates(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Gate> _gates = new(StringComparer.Ordinal);

    public void Opened(string client, TimeSpan breakDuration) => GateOf(client).Close(clock.GetUtcNow() + breakDuration);

    public void Closed(string client) => GateOf(client).Open();

    /// <summary>How long a call through <paramref name="client"/> should wait; null when it may go now.</summary>
    public TimeSpan? WaitFor(string client, TimeSpan trialWindow) =>
        _gates.TryGetValue(client, out var gate) ? gate.WaitFor(clock.GetUtcNow(), trialWindow) : null;

    private Gate GateOf(string client) => _gates.GetOrAdd(client, _ => new Gate());

    private sealed class Gate
    {
        private readonly Lock _lock = new();
        private DateTimeOffset? _closedUntil;

        public void Close(DateTimeOffset until)
        {
            lock (_lock)
            {
                _closedUntil = until;
            }
        }

        public void Open()
        {
            lock (_lock)
            {
                _closedUntil = null;
            }
        }

        public TimeSpan? WaitFor(DateTimeOffset now, TimeSpan trialWindow)
        {
            lock (_lock)
            {
                if (_closedUntil is not { } until)
                {
                    return null;
                }

                if (now < until)
                {
                    return until - now;
                }

                // The break is over: this caller makes the trial call; the rest wait for its outcome.
                _closedUntil = now + trialWindow;
                return null;
            }
        }
    }
}
