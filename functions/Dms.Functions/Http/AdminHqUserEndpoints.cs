using System.Text.Json.Nodes;
using Dms.Hub.Dealers;
using Dms.Hub.Intake;
using Dms.Hub.Validation;

namespace Dms.Functions.Http;

/// <summary>Operators register HQ users and regional managers; each gets an API key of their own, shown once.</summary>
internal static class AdminHqUserEndpoints
{
    private const string Schema = "hq-user.v1";

    public static void MapAdminHqUserEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/admin/hq-users").WithTags("Operations").RequireAuthorization(Callers.AdminPolicy);
        group.MapGet("", async (IHqUserStore users, CancellationToken cancellationToken) =>
            Results.Content(new JsonObject { ["items"] = new JsonArray((await users.ListAsync(cancellationToken)).Select(u => (JsonNode)View(u)).ToArray()) }.ToJsonString(), "application/json"))
            .WithSummary("List HQ users and regional managers");
        group.MapPost("", CreateAsync).WithSummary("Register an HQ user (role hq) or a regional manager (role regional-manager, with region); the answer carries the API key, shown once");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, RequestBody reader, HqDirectory directory, SchemaCatalog schemas, TimeProvider clock)
    {
        var (body, problem) = await reader.ReadJsonAsync(context, context.RequestAborted);
        if (problem is not null)
        {
            return problem;
        }

        if (!ValidJson.TryRead(schemas, body, Schema, out var node, out var failure))
        {
            return failure.Kind == IntakeResultKind.Malformed
                ? Problems.Create(context, 400, failure.Code!, "Malformed request", failure.Message, failure.Errors)
                : Problems.Create(context, 422, "VALIDATION_FAILED", "Validation failed", null, failure.Errors);
        }

        var role = node["role"]!.GetValue<string>() == "hq" ? PrincipalRole.Hq : PrincipalRole.RegionalManager;
        var region = node["region"]?.GetValue<string>();
        if (role == PrincipalRole.RegionalManager && region is null)
        {
            return Problems.Create(context, 422, "VALIDATION_FAILED", "Validation failed", null, [new ValidationError("/region", ErrorCodes.Required, "A regional manager needs a region.")]);
        }

        var user = new HqUser
        {
            Id = node["id"]!.GetValue<string>(), Name = node["name"]!.GetValue<string>(), Role = role,
            Region = role == PrincipalRole.Hq ? null : region, CreatedAt = clock.GetUtcNow(),
        };
        var key = await directory.OnboardAsync(user, context.RequestAborted);
        return key is null
            ? Problems.Create(context, 409, "HQ_USER_EXISTS", "Conflict", $"HQ user {user.Id} already exists.")
            : Results.Content(new JsonObject { ["user"] = View(user), ["apiKey"] = key }.ToJsonString(), "application/json", statusCode: 201);
    }

    private static JsonObject View(HqUser u) => new()
    {
        ["id"] = u.Id,
        ["name"] = u.Name,
        ["role"] = u.Role == PrincipalRole.Hq ? "hq" : "regional-manager",
        ["region"] = u.Region,
        ["createdAt"] = u.CreatedAt,
    };
}
