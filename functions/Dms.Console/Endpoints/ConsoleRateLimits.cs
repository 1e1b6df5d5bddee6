using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Console.Endpoints;

/// <summary>Key guessing is slowed down: a few sign-in attempts per minute per client address.</summary>
internal static class ConsoleRateLimits
{
    public const string SignIn = "console-sign-in";

    public static void Add(IServiceCollection services, int perMinute) => services.AddRateLimiter(options => options.AddPolicy(SignIn, context =>
        RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
        })));
}
