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
        if (!IsUtf8(body, out var utf8, out error))
        {
            return false;
        }

        var span = utf8.Span;
        try
        {
            node = JsonNode.Parse(span, documentOptions: Strict);
        }
        catch (JsonException ex)
        {
            error = NotJson(ex);
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

    /// <summary>
    /// The same strict reading into a <see cref="JsonDocument"/>: a compact index over the body's bytes rather than a
    /// tree of nodes, for bodies too large to hold as one (a stock snapshot). The caller disposes it.
    /// </summary>
    public static bool TryParseDocument(ReadOnlyMemory<byte> body, [NotNullWhen(true)] out JsonDocument? document, [NotNullWhen(false)] out ValidationError? error)
    {
        document = null;
        if (!IsUtf8(body, out var utf8, out error))
        {
            return false;
        }

        try
        {
            document = JsonDocument.Parse(utf8, Strict);
            return true;
        }
        catch (JsonException ex)
        {
            error = NotJson(ex);
            return false;
        }
    }

    private static bool IsUtf8(ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte> utf8, [NotNullWhen(false)] out ValidationError? error)
    {
        utf8 = body.Span.StartsWith(Encoding.UTF8.Preamble) ? body[Encoding.UTF8.Preamble.Length..] : body;
        error = System.Text.Unicode.Utf8.IsValid(utf8.Span) ? null : new ValidationError("", ErrorCodes.MalformedJson, "The body is not valid UTF-8.");
        return error is null;
    }

    private static ValidationError NotJson(JsonException ex)
    {
        var where = ex.LineNumber is { } line ? $" (line {line + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        return new ValidationError("", ErrorCodes.MalformedJson, "The body is not valid JSON" + where + ".");
    }
}
