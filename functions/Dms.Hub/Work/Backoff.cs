namespace Dms.Hub.Work;

/// <summary>Delay before the next attempt: "equal jitter" exponential backoff, never shorter than a Retry-After.</summary>
public static class Backoff
{
    /// <param name="attempt">The attempt that just failed (1 = first).</param>
    /// <param name="random">A number in [0, 1): injectable so tests are exact.</param>
    public static TimeSpan Next(RetryPolicyOptions policy, int attempt, TimeSpan? retryAfter, double random)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ceiling = Math.Min(policy.BaseDelayMilliseconds * Math.Pow(2, exponent), policy.MaxDelaySeconds * 1000.0);
        var jittered = (ceiling / 2) + (ceiling / 2 * random);
        var delay = TimeSpan.FromMilliseconds(jittered);
        if (retryAfter is { } asked)
        {
            var capped = TimeSpan.FromSeconds(Math.Min(asked.TotalSeconds, policy.MaxRetryAfterSeconds));
            delay = capped > delay ? capped : delay;
        }

        return delay;
    }
}
