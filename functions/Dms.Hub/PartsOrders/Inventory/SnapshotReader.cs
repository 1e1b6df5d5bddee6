using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Intake;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Inventory;

/// <summary>
/// Reads a stock snapshot part by part. The body is parsed once into a <see cref="JsonDocument"/> (an index over its
/// bytes); the snapshot's own fields are checked against parts-inventory.v1 with the parts left out, then each part
/// against the schema of one part and read on its own. The schema validator builds a tree of what it checks, so
/// checking a 50,000-part snapshot as one document held all of it several times over (719 MB peak in
/// ./dms parts-bench); now it holds one part. Every violation is still reported, each with its path.
/// </summary>
public static class SnapshotReader
{
    private const string Parts = "parts";

    public static bool TryRead(SchemaCatalog schemas, ReadOnlyMemory<byte> body, [NotNullWhen(true)] out InventorySnapshot? snapshot, [NotNullWhen(false)] out IntakeResult? failure)
    {
        snapshot = null;
        failure = null;
        if (!JsonInput.TryParseDocument(body, out var document, out var malformed))
        {
            failure = IntakeResult.Malformed(malformed);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                failure = IntakeResult.Invalid([new ValidationError("", ErrorCodes.InvalidType, "The document must be a JSON object.")]);
                return false;
            }

            var schema = schemas.Get(PartsInventory.SchemaName);
            var (head, parts) = Split(root);
            var errors = SchemaValidator.Validate(schema, head.ToJsonString()).ToList();
            var read = new List<StockPart>(parts?.GetArrayLength() ?? 0);
            if (parts is { } list)
            {
                var limit = schema.Properties[Parts].MaxItems;
                if (limit > 0 && list.GetArrayLength() > limit)
                {
                    errors.Add(new ValidationError("/" + Parts, ErrorCodes.InvalidLength, $"At most {limit} parts per snapshot."));
                }

                var item = schema.Properties[Parts].Item!;
                var index = 0;
                foreach (var part in list.EnumerateArray())
                {
                    var at = $"/{Parts}/{index++}";
                    if (part.ValueKind != JsonValueKind.Object)
                    {
                        errors.Add(new ValidationError(at, ErrorCodes.InvalidType, "Expected an object."));
                    }
                    else if (SchemaValidator.Validate(item, part.GetRawText()) is { Count: > 0 } partErrors)
                    {
                        errors.AddRange(partErrors.Select(e => e with { Path = at + e.Path }));
                    }
                    else if (errors.Count == 0)
                    {
                        read.Add(part.Deserialize<StockPart>(HubJson.Options)!);
                    }
                }
            }

            if (errors.Count > 0)
            {
                failure = IntakeResult.Invalid(errors);
                return false;
            }

            snapshot = head.Deserialize<InventorySnapshot>(HubJson.Options)! with { Parts = read };
            return true;
        }
    }

    /// <summary>The snapshot's own fields (parts as an empty list, so the schema still sees one), and its parts.</summary>
    private static (JsonObject Head, JsonElement? Parts) Split(JsonElement root)
    {
        var head = new JsonObject();
        JsonElement? parts = null;
        foreach (var property in root.EnumerateObject())
        {
            if (property.NameEquals(Parts) && property.Value.ValueKind == JsonValueKind.Array)
            {
                parts = property.Value;
                head[Parts] = new JsonArray();
            }
            else
            {
                head[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            }
        }

        return (head, parts);
    }
}
