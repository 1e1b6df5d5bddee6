using System.Diagnostics;

namespace Dms.DealerSimulator;

/// <summary>Spaces submissions evenly at a target rate shared by all senders (0 = no pacing).</summary>
public sealed class Pacer(double perSecond)
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _issued;

    public Task WaitAsync(CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return Task.CompletedTask;
        }

        var slot = Interlocked.Increment(ref _issued) - 1;
        var due = _start + (long)(slot / perSecond * Stopwatch.Frequency);
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        return wait > TimeSpan.Zero ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
