using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Functions.Http;

/// <summary>The JSON schemas the hub validates against, public so dealers can validate before sending.</summary>
internal static class SchemaEndpoints
{
    public static void MapSchemaEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/schemas").WithTags("Schemas").AllowAnonymous();
        group.MapGet("", (SchemaCatalog catalog) => Results.Content(
                new JsonObject { ["items"] = new JsonArray(catalog.Names.Select(n => (JsonNode)new JsonObject { ["name"] = n, ["href"] = "/api/v1/schemas/" + n }).ToArray()) }.ToJsonString(),
                "application/json"))
            .WithSummary("List the schemas");
        group.MapGet("/{name}", (HttpContext context, string name, SchemaCatalog catalog) =>
            {
                // "warranty-claim" means the latest version; "warranty-claim.v1" a specific one.
                var resolved = catalog.Names.Contains(name) ? name : catalog.Names.Where(n => n.StartsWith(name + ".v", StringComparison.Ordinal)).Order(StringComparer.Ordinal).LastOrDefault();
                return resolved is not null && catalog.TryGetText(resolved, out var text)
                    ? Results.Content(text, "application/schema+json")
                    : Problems.NotFound(context);
            })
            .WithSummary("Get a schema, e.g. warranty-claim or warranty-claim.v1");
    }
}
