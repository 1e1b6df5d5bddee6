using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dms.Functions.Http;

/// <summary>Rate limits partitioned by authenticated caller (by client address before authentication), sized by the caller's role.</summary>
internal static class RateLimiting
{
    public static IServiceCollection AddPerCallerRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        return services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                if (!options.Enabled)
                {
                    return RateLimitPartition.GetNoLimiter("off");
                }

                var authenticated = context.User.Identity?.IsAuthenticated == true;
                var partition = authenticated ? "caller:" + context.User.Id() : "address:" + context.Connection.RemoteIpAddress;
                var (permits, burst) = authenticated && context.User.FindFirstValue(ClaimTypes.Role) is { } role && options.Roles.TryGetValue(role, out var byRole)
                    ? (byRole.PermitsPerSecond, byRole.Burst)
                    : (options.PermitsPerSecond, options.Burst);
                return RateLimitPartition.GetTokenBucketLimiter(partition, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = permits,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Problems.WriteAsync(rejected.HttpContext, 429, "RATE_LIMITED", "Too many requests", $"Slow down; retry after {seconds} s."));
            };
        });
    }
}
