using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Dms.Hub.Workflow;
using Microsoft.Extensions.Options;

namespace Dms.Hub.OemCodes;

/// <summary>
/// Translates an OEM event given in the OEM's own code (<c>oemCode: {scheme, code}</c>) into the canonical event, for
/// any document type whose event schema allows it, and keeps the OEM's latest code on the document.
/// </summary>
public sealed class OemCodeTranslator(IOptionsMonitor<OemCodeOptions> options)
{
    public const string CodeField = "oemCode";
    public const string UnknownScheme = "UNKNOWN_OEM_CODE_SCHEME";
    public const string UnknownCode = "UNKNOWN_OEM_CODE";
    public const string CodeMismatch = "OEM_CODE_MISMATCH";
    public const string EventTypeRequired = "EVENT_TYPE_REQUIRED";

    /// <summary>
    /// Fills in <c>type</c> (and, for a hold code, <c>hold</c>) from the code table. Returns why it cannot: an unknown
    /// scheme or code, a code that contradicts the canonical type also given, or neither given.
    /// </summary>
    public IReadOnlyList<ValidationError> Translate(DocumentType type, JsonObject oemEvent)
    {
        if (oemEvent[CodeField] is not JsonObject code)
        {
            return oemEvent["type"] is null
                ? [new ValidationError("/type", EventTypeRequired, "An event carries a canonical 'type' or the OEM's own 'oemCode'.")]
                : [];
        }

        var schemeName = code["scheme"]!.GetValue<string>();
        var value = code["code"]!.GetValue<string>();
        var (name, scheme) = options.CurrentValue.Schemes.FirstOrDefault(s => string.Equals(s.Key, schemeName, StringComparison.OrdinalIgnoreCase));
        if (scheme is null || !scheme.DocumentTypes.Contains(type.Name, StringComparer.Ordinal))
        {
            return [new ValidationError("/oemCode/scheme", UnknownScheme, $"'{schemeName}' is not a code scheme the hub knows for {type.Title.ToLowerInvariant()}s.")];
        }

        if (!scheme.Codes.TryGetValue(value, out var mapping) || mapping.Event.Length == 0)
        {
            return [new ValidationError("/oemCode/code", UnknownCode, mapping is null
                ? $"{name} code '{value}' is not in the hub's code table; it is refused rather than guessed."
                : $"{name} code '{value}' is a line status, not an event code.")];
        }

        if (oemEvent["type"]?.GetValue<string>() is { } given && given != mapping.Event)
        {
            return [new ValidationError("/type", CodeMismatch, $"{name} code '{value}' means {mapping.Event}, not {given}.")];
        }

        oemEvent["type"] = mapping.Event;
        code["scheme"] = name;
        code["event"] = mapping.Event;
        if (mapping.Description is { } description)
        {
            code["description"] = description;
        }

        if (mapping.HoldClass is { } holdClass && oemEvent["hold"] is null)
        {
            oemEvent["hold"] = new JsonObject { ["reasonClass"] = holdClass, ["reasonCode"] = value };
        }

        return [];
    }

    /// <summary>
    /// The canonical line status a line-level code stands for (X12 855 BP → PartialBackordered), or why it cannot be
    /// read (unknown scheme or code, or an event code used for a line). <paramref name="path"/> points at the code.
    /// </summary>
    public (string? Status, ValidationError? Error) TranslateLineStatus(DocumentType type, string schemeName, string code, string path)
    {
        var (name, scheme) = options.CurrentValue.Schemes.FirstOrDefault(s => string.Equals(s.Key, schemeName, StringComparison.OrdinalIgnoreCase));
        if (scheme is null || !scheme.DocumentTypes.Contains(type.Name, StringComparer.Ordinal))
        {
            return (null, new ValidationError(path + "/scheme", UnknownScheme, $"'{schemeName}' is not a code scheme the hub knows for {type.Title.ToLowerInvariant()}s."));
        }

        return scheme.Codes.TryGetValue(code, out var mapping) && mapping.LineStatus is { } status
            ? (status, null)
            : (null, new ValidationError(path + "/code", UnknownCode, $"{name} code '{code}' is not a line status in the hub's code table; it is refused rather than guessed."));
    }

    /// <summary>Keeps the OEM's latest code and scheme beside the canonical status (<c>oem.lastCode</c>).</summary>
    public static void Remember(DocumentRecord document, JsonObject oemEvent, DateTimeOffset receivedAt)
    {
        if (oemEvent[CodeField] is JsonObject code)
        {
            var latest = code.DeepClone().AsObject();
            latest["receivedAt"] = receivedAt;
            document.Oem["lastCode"] = latest;
        }
    }
}
