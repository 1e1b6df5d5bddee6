using System.Globalization;
using System.Net;
using Dms.Hub.Work;

namespace Dms.Functions.FunctionsHost;

/// <summary>
/// Custom-handler mode. The Functions host starts this executable with <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set; the
/// app then listens there (loopback), leaves receiving and timers to the host, and serves the host's invocation
/// routes <c>POST /{FunctionName}</c>. Public routes reach it as forwarded HTTP, unchanged.
/// </summary>
internal static partial class CustomHandler
{
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";
    public const string RecoverStalledWork = nameof(RecoverStalledWork);
    public const string RunScheduledJobs = nameof(RunScheduledJobs);
    public const string RunConsoleWork = nameof(RunConsoleWork);
    private const string TrustedProxiesKey = "Dms:Soap:TrustedProxies";

    /// <summary>The Service Bus queue-triggered function for a kind of work: <c>WorkRoute</c>, <c>WorkDeliver</c>, …</summary>
    public static string WorkFunction(string kind) => "Work" + Pascal(kind);

    /// <summary>The function on that queue's dead-letter sub-queue: <c>DeadLetterRoute</c>, …</summary>
    public static string DeadLetterFunction(string kind) => "DeadLetter" + Pascal(kind);

    public static bool IsEnabled(IConfiguration configuration) => Port(configuration) is not null;

    /// <summary>Before services are built: listen where the host expects, and switch the local loops off.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        if (Port(builder.Configuration) is not { } port)
        {
            return;
        }

        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Configuration.AddInMemoryCollection([new("Dms:Work:RunLocalLoop", "false")]);

        // Public HTTP reaches the app forwarded by the Functions host over loopback, which says in X-Forwarded-Proto
        // and X-Forwarded-Host how the client called: trust loopback for those unless proxies are configured.
        if (!builder.Configuration.GetSection(TrustedProxiesKey).GetChildren().Any())
        {
            builder.Configuration.AddInMemoryCollection([new(TrustedProxiesKey + ":0", "127.0.0.0/8"), new(TrustedProxiesKey + ":1", "::1/128")]);
        }
    }

    /// <summary>The invocation routes, one per function that is not an HTTP gateway; loopback callers only.</summary>
    public static void MapHostInvocations(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration))
        {
            return;
        }

        var transport = app.Services.GetRequiredService<IWorkTransport>();
        if (!transport.IsDurable)
        {
            throw new InvalidOperationException(
                $"In the Functions host work must travel on a durable transport: set Dms:Work:Transport to service-bus or storage-queue (it is '{transport.Name}').");
        }

        var group = app.MapGroup(string.Empty).AllowAnonymous().DisableRateLimiting().ExcludeFromDescription()
            .AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.RemoteIpAddress is { } caller && IPAddress.IsLoopback(caller) ? await next(context) : Results.NotFound());
        foreach (var kind in app.Services.GetServices<IWorkHandler>().Where(h => !h.LocalOnly).Select(h => h.Kind).Distinct(StringComparer.Ordinal))
        {
            group.MapPost("/" + WorkFunction(kind), Invocations.RunWorkAsync);
            group.MapPost("/" + DeadLetterFunction(kind), Invocations.DeadLetterAsync);
        }

        group.MapPost("/" + RecoverStalledWork, Invocations.RecoverAsync);
        group.MapPost("/" + RunScheduledJobs, Invocations.RunJobsAsync);
        group.MapPost("/" + RunConsoleWork, Invocations.RunConsoleWorkAsync);
    }

    private static int? Port(IConfiguration configuration) =>
        int.TryParse(configuration[PortVariable], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : null;

    private static string Pascal(string kind) => string.Concat(kind.Split('-').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
}
