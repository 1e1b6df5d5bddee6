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
        group.MapPost("", CreateAsync).WithSummary("Register an HQ user (role hq), a regional manager (regional-manager, with region) or a district manager (district-manager, with region and district), optionally with a callbackUrl for escalations; the answer carries the API key (and webhook secret), shown once");
    }

    private static async Task<IResult> CreateAsync(HttpContext context, RequestBody reader, HqDirectory directory, DealerSecrets secrets, SchemaCatalog schemas, TimeProvider clock)
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

        var role = node["role"]!.GetValue<string>() switch
        {
            "hq" => PrincipalRole.Hq,
            "district-manager" => PrincipalRole.DistrictManager,
            _ => PrincipalRole.RegionalManager,
        };
        var region = node["region"]?.GetValue<string>();
        var district = node["district"]?.GetValue<string>();
        var errors = new List<ValidationError>();
        if (role != PrincipalRole.Hq && region is null)
        {
            errors.Add(new ValidationError("/region", ErrorCodes.Required, "A regional or district manager needs a region."));
        }

        if (role == PrincipalRole.DistrictManager && district is null)
        {
            errors.Add(new ValidationError("/district", ErrorCodes.Required, "A district manager needs a district."));
        }

        if (errors.Count > 0)
        {
            return Problems.Create(context, 422, "VALIDATION_FAILED", "Validation failed", null, errors);
        }

        var user = new HqUser
        {
            Id = node["id"]!.GetValue<string>(), Name = node["name"]!.GetValue<string>(), Role = role,
            Region = role == PrincipalRole.Hq ? null : region, District = role == PrincipalRole.DistrictManager ? district : null,
            CallbackUrl = node["callbackUrl"]?.GetValue<string>(), CreatedAt = clock.GetUtcNow(),
        };
        var key = await directory.OnboardAsync(user, context.RequestAborted);
        return key is null
            ? Problems.Create(context, 409, "HQ_USER_EXISTS", "Conflict", $"HQ user {user.Id} already exists.")
            : Results.Content(Created(user, key, secrets).ToJsonString(), "application/json", statusCode: 201);
    }

    private static JsonObject Created(HqUser user, string key, DealerSecrets secrets)
    {
        var created = new JsonObject { ["user"] = View(user), ["apiKey"] = key };
        if (user.CallbackUrl is not null)
        {
            created["webhookSecret"] = secrets.WebhookSecret(user.AsRecipient());
        }

        return created;
    }

    private static JsonObject View(HqUser u) => new()
    {
        ["id"] = u.Id,
        ["name"] = u.Name,
        ["role"] = u.Role switch { PrincipalRole.Hq => "hq", PrincipalRole.DistrictManager => "district-manager", _ => "regional-manager" },
        ["region"] = u.Region,
        ["district"] = u.District,
        ["callbackUrl"] = u.CallbackUrl,
        ["createdAt"] = u.CreatedAt,
    };
}
