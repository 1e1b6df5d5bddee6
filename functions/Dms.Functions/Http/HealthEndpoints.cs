using System.Text.Json.Nodes;
using Dms.Hub.Storage;

namespace Dms.Functions.Http;

/// <summary>Liveness (the process answers) and readiness (its dependencies answer).</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous().DisableRateLimiting();
        group.MapGet("/live", () => Results.Content(new JsonObject { ["status"] = "live" }.ToJsonString(), "application/json"));
        group.MapGet("/ready", async (IEnumerable<IHealthProbe> probes, CancellationToken cancellationToken) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var checks = new JsonObject();
            var ready = true;
            foreach (var probe in probes)
            {
                bool healthy;
                try
                {
                    healthy = await probe.IsHealthyAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    healthy = false;
                }

                checks[probe.Name] = healthy ? "ok" : "unavailable";
                ready &= healthy;
            }

            var body = new JsonObject { ["status"] = ready ? "ready" : "not-ready", ["checks"] = checks };
            return Results.Content(body.ToJsonString(), "application/json", statusCode: ready ? 200 : 503);
        });
    }
}
