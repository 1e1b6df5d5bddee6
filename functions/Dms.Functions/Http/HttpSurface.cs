using Azure.Monitor.OpenTelemetry.Exporter;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Registry;
using Dms.Hub.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.OpenApi;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Scalar.AspNetCore;

namespace Dms.Functions.Http;

/// <summary>The REST surface: authentication, authorization, rate limits, problem details, OpenAPI, telemetry.</summary>
internal static class HttpSurface
{
    public static WebApplicationBuilder AddHttpSurface(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });
        services.AddSingleton<RequestBody>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Callers.DealerPolicy, p => p.RequireRole(nameof(PrincipalRole.Dealer)))
            .AddPolicy(Callers.OemPolicy, p => p.RequireRole(nameof(PrincipalRole.Oem)))
            .AddPolicy(Callers.AdminPolicy, p => p.RequireRole(nameof(PrincipalRole.Admin)))
            .AddPolicy(Callers.HqPolicy, p => p.RequireRole(nameof(PrincipalRole.Hq), nameof(PrincipalRole.RegionalManager), nameof(PrincipalRole.DistrictManager)));
        services.AddPerCallerRateLimits(builder.Configuration);
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Dms — OEM–dealer integration hub", Version = "v1", Description = "Dealers submit documents; the OEM posts events back; operators watch and replay." };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[ApiKeyAuthentication.SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyAuthentication.Header,
                Description = "A dealer, OEM or operator API key.",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthentication.SchemeName, document)] = [] });
            return Task.CompletedTask;
        }));
        AddTelemetry(builder);
        return builder;
    }

    /// <summary>The REST surface; exception handling and correlation come first (see <see cref="HubApp"/>).</summary>
    public static WebApplication UseHttpSurface(this WebApplication app)
    {
        app.UseStatusCodePages(status =>
        {
            var code = status.HttpContext.Response.StatusCode;
            var (problem, title) = code switch
            {
                400 => ("BAD_REQUEST", "Bad request"),
                404 => ("NOT_FOUND", "Not found"),
                405 => ("METHOD_NOT_ALLOWED", "Method not allowed"),
                413 => ("PAYLOAD_TOO_LARGE", "Payload too large"),
                415 => ("UNSUPPORTED_MEDIA_TYPE", "Unsupported media type"),
                _ => ("HTTP_" + code, "Request not handled"),
            };
            return Problems.WriteAsync(status.HttpContext, code, problem, title);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        var registry = app.Services.GetRequiredService<DocumentTypeRegistry>();
        var api = app.MapGroup("/api/v1");
        api.MapDocumentEndpoints(registry);
        api.MapOemEndpoints(registry);
        api.MapNotificationEndpoints();
        api.MapAdminEndpoints();
        api.MapAlertEndpoints();
        api.MapAdminDocumentEndpoints(registry);
        api.MapDealerServiceEndpoints(app.Services.GetRequiredService<DealerServices>());
        api.MapPartsInventoryEndpoints();
        api.MapPartsSuggestionEndpoints();
        api.MapSchemaEndpoints();
        api.MapHqEndpoints();
        api.MapHqAlertEndpoints();
        api.MapReportingEndpoints();
        api.MapBatchEndpoints();
        api.MapAdminHqUserEndpoints();
        app.MapHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api-reference", options => options
            .WithTitle("Dms API reference")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddPreferredSecuritySchemes(ApiKeyAuthentication.SchemeName)).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// Traces and metrics only where something exports them: without an exporter the SDK would still sample, time and
    /// aggregate every request for nobody (measured at about 2 % of the hub's CPU).
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var appInsights = configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"] is { Length: > 0 } connection ? connection : null;
        if (!otlp && appInsights is null)
        {
            return;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dms-hub"))
            .WithTracing(tracing => tracing.AddSource(HubTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(HubTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (otlp)
        {
            otel.UseOtlpExporter();
        }

        if (appInsights is not null)
        {
            otel.WithTracing(t => t.AddAzureMonitorTraceExporter(o => o.ConnectionString = appInsights))
                .WithMetrics(m => m.AddAzureMonitorMetricExporter(o => o.ConnectionString = appInsights));
        }
    }
}
