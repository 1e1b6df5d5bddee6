using Dms.Hub.Work;

namespace Dms.Hub.Tests.Work;

public sealed class BackoffTests
{
    private static readonly RetryPolicyOptions Policy = new() { BaseDelayMilliseconds = 1000, MaxDelaySeconds = 60, MaxRetryAfterSeconds = 300 };

    [Theory]
    [InlineData(1, 500, 1000)]
    [InlineData(2, 1000, 2000)]
    [InlineData(4, 4000, 8000)]
    [InlineData(20, 30000, 60000)]
    public void Next_ExponentialWithEqualJitter_WithinBounds(int attempt, double min, double max)
    {
        Assert.Equal(min, Backoff.Next(Policy, attempt, null, 0.0).TotalMilliseconds);
        Assert.Equal(max, Backoff.Next(Policy, attempt, null, 0.999999).TotalMilliseconds, 0);
    }

    [Fact]
    public void Next_RetryAfterLongerThanBackoff_Honoured()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Backoff.Next(Policy, 1, TimeSpan.FromSeconds(30), 0.5));
    }

    [Fact]
    public void Next_RetryAfterBeyondTheCap_Capped()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), Backoff.Next(Policy, 1, TimeSpan.FromHours(5), 0.5));
    }
}
