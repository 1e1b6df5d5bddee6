using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Validation;

namespace Dms.Hub.Intake;

/// <summary>Strict JSON reading for untrusted bodies: UTF-8 only, bounded depth, no comments, no duplicate keys.</summary>
public static class JsonInput
{
    private static readonly JsonDocumentOptions Strict = new()
    {
        MaxDepth = 32,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    public static bool TryParse(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonNode? node, out string text, [NotNullWhen(false)] out ValidationError? error)
    {
        node = null;
        text = string.Empty;
        var span = body.Span;
        if (span.StartsWith(Encoding.UTF8.Preamble))
        {
            span = span[Encoding.UTF8.Preamble.Length..];
        }

        if (!System.Text.Unicode.Utf8.IsValid(span))
        {
            error = new ValidationError("", ErrorCodes.MalformedJson, "The body is not valid UTF-8.");
            return false;
        }

        try
        {
            node = JsonNode.Parse(span, documentOptions: Strict);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
            error = new ValidationError("", ErrorCodes.MalformedJson, "The body is not valid JSON" + where + ".");
            return false;
        }

        if (node is null)
        {
            error = new ValidationError("", ErrorCodes.InvalidType, "The body must be a JSON object.");
            return false;
        }

        text = Encoding.UTF8.GetString(span);
        error = null;
        return true;
    }
}
