using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Functions.Http;

/// <summary>RFC 9457 problem details with a stable <c>code</c>, the errors list and the correlation ID.</summary>
internal static class Problems
{
    public const string ContentType = "application/problem+json";

    public static IResult Create(HttpContext context, int status, string code, string title, string? detail = null,
        IReadOnlyList<ValidationError>? errors = null, Action<JsonObject>? extend = null)
    {
        var body = new JsonObject
        {
            ["type"] = "https://dms.example/problems/" + code.ToLowerInvariant().Replace('_', '-'),
            ["title"] = title,
            ["status"] = status,
            ["code"] = code,
        };
        if (detail is not null)
        {
            body["detail"] = detail;
        }

        if (errors is { Count: > 0 })
        {
            body["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject { ["path"] = e.Path, ["code"] = e.Code, ["message"] = e.Message }).ToArray());
        }

        body["correlationId"] = Correlation.Get(context);
        extend?.Invoke(body);
        return Results.Content(body.ToJsonString(), ContentType, statusCode: status);
    }

    public static Task WriteAsync(HttpContext context, int status, string code, string title, string? detail = null) =>
        Create(context, status, code, title, detail).ExecuteAsync(context);

    public static IResult NotFound(HttpContext context) => Create(context, 404, "NOT_FOUND", "Not found", "No such resource.");

    public static IResult BadQuery(HttpContext context, string parameter, string message) =>
        Create(context, 400, "INVALID_QUERY", "Invalid query", message, [new ValidationError(parameter, "INVALID_QUERY", message)]);
}
