using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Hub.Intake;

/// <summary>The first step of every inbound request: strict JSON, then its schema.</summary>
public static class ValidJson
{
    /// <summary>The parsed body, or the answer that stops the request (malformed or invalid).</summary>
    public static bool TryRead(SchemaCatalog schemas, ReadOnlyMemory<byte> body, string schemaName, [NotNullWhen(true)] out JsonNode? node, [NotNullWhen(false)] out IntakeResult? failure)
    {
        failure = null;
        if (!JsonInput.TryParse(body, out node, out var text, out var malformed))
        {
            failure = IntakeResult.Malformed(malformed);
            return false;
        }

        var errors = SchemaValidator.Validate(schemas.Get(schemaName), text);
        if (errors.Count > 0)
        {
            failure = IntakeResult.Invalid(errors);
            node = null;
            return false;
        }

        return true;
    }
}
