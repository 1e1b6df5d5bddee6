using System.Reflection;
using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// The SOAP contract, generated from the registry and the JSON schemas: for each document type Submit&lt;Type&gt;
/// and one operation per dealer command, then GetDocumentStatus, PullNotifications and AcknowledgeNotifications;
/// and the callback service dealers implement. One namespace for messages and types. A new document type appears
/// here without a line of SOAP code.
/// </summary>
internal sealed class SoapContract
{
    public const string Namespace = "urn:dms:dealer:v1";
    private const string MessageSchemaPrefix = "soap-schemas/";
    private readonly ShapeBuilder _shapes;
    private readonly DocumentTypeRegistry _types;

    public SoapContract(DocumentTypeRegistry types, SchemaCatalog catalog)
    {
        _types = types;
        var messages = LoadMessageSchemas();
        _shapes = new ShapeBuilder(
            name => messages.TryGetValue(name, out var soap) ? soap
                : catalog.TryGetText(name, out var text) ? JsonNode.Parse(text)!.AsObject()
                : throw new InvalidOperationException($"No schema named '{name}'."),
            RegistryPart);
        Dealer = new SoapService("DealerService", ContractText.DealerService, null, [.. DealerOperations()]);
        Callback = new SoapService("DealerCallback", ContractText.DealerCallback, ContractText.CallbackAddress, [Notify()]);
    }

    public SoapService Dealer { get; }

    public SoapService Callback { get; }

    public IReadOnlyDictionary<string, Shape> Types => _shapes.NamedTypes;

    public static string Action(SoapService service, string operation) => $"{Namespace}/{service.Name}/{operation}";

    private IEnumerable<SoapOperation> DealerOperations()
    {
        foreach (var type in _types.All)
        {
            var element = ShapeBuilder.ElementName(type.SchemaName);
            var submit = "Submit" + type.PascalName;
            yield return Operation(submit, OperationKind.Submit, Wrapper((element, Ref(type.SchemaName), true)), "acknowledgement",
                ContractText.Submit(type, Description(type.SchemaName)), type, body: element);
            foreach (var command in type.Commands)
            {
                var name = command.OperationName(type);
                var body = ShapeBuilder.ElementName(command.SchemaName);
                var input = Wrapper(("trackingId", ContractText.TrackingId(), true), ("commandId", ContractText.CommandId(), false), (body, Ref(command.SchemaName), true));
                yield return Operation(name, OperationKind.Command, input, "acknowledgement", ContractText.Command(command), type, command, body);
            }
        }

        yield return Operation("GetDocumentStatus", OperationKind.Status, Wrapper(("trackingId", ContractText.TrackingId(), true)),
            "documentStatus", ContractText.GetDocumentStatus);
        yield return Operation("PullNotifications", OperationKind.Pull, Wrapper(
                ("maxItems", new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["maximum"] = 500, ["description"] = ContractText.MaxItems }, false),
                ("documentType", new JsonObject { ["x-registry"] = "document-types" }, false),
                ("since", new JsonObject { ["type"] = "string", ["format"] = "date-time", ["description"] = ContractText.Since }, false)),
            "notificationBatch", ContractText.PullNotifications);
        yield return Operation("AcknowledgeNotifications", OperationKind.Acknowledge, Wrapper(
                ("receiptIds", new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["type"] = "string" } }, true)),
            "acknowledgeResult", ContractText.AcknowledgeNotifications);
    }

    private SoapOperation Notify() =>
        new("NotifyDocumentStatus", OperationKind.Notify, $"{Namespace}/DealerCallback/NotifyDocumentStatus",
            _shapes.Wrapper("NotifyDocumentStatus", Wrapper(("notification", Ref("notification.v1"), true))),
            _shapes.Wrapper("NotifyDocumentStatusResponse", Wrapper()), null, ContractText.NotifyDocumentStatus);

    private SoapOperation Operation(string name, OperationKind kind, JsonObject input, string result, string documentation,
        DocumentType? type = null, DocumentCommand? command = null, string? body = null)
    {
        var output = Wrapper((result, Ref(ResultSchema(result)), true));
        return new SoapOperation(name, kind, $"{Namespace}/DealerService/{name}", _shapes.Wrapper(name, input),
            _shapes.Wrapper(name + "Response", output), result, documentation, type, command, body);
    }

    private static string ResultSchema(string result) => result switch
    {
        "acknowledgement" => "acknowledgement.v1",
        "documentStatus" => "document-status.v1",
        "notificationBatch" => "notification-batch.v1",
        _ => "acknowledge-result.v1",
    };

    private static JsonObject Wrapper(params (string Name, JsonObject Schema, bool Required)[] children) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray([.. children.Where(c => c.Required).Select(c => (JsonNode)c.Name)]),
        ["properties"] = new JsonObject(children.Select(c => KeyValuePair.Create(c.Name, (JsonNode?)c.Schema))),
    };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = schema + ".schema.json" };

    private string? Description(string schema) => _shapes.Root(schema).Documentation;

    /// <summary>The parts of the contract that the registry decides: code lists of types and statuses, and per-type elements.</summary>
    private (string, JsonObject) RegistryPart(string part) => part switch
    {
        "document-types" => ("DocumentTypeName", Enumeration(_types.All.Select(t => t.Name), "A registered document type.")),
        "statuses" => ("Status", Enumeration(_types.All.SelectMany(t => t.States.States.Concat(t.NoticeStatuses)).Distinct(), "A document status (each type uses some of them).")),
        "documents" => ("DocumentContent", Choice(_types.All.Select(t => t.SchemaName), "Exactly one element: the document, in the element of its type.")),
        "states" => ("OemState", Choice(_types.All.Select(t => t.StateSchemaName).OfType<string>(), "At most one element: the OEM data of the document's type.")),
        _ => throw new InvalidOperationException($"Unknown x-registry part '{part}'."),
    };

    private static JsonObject Enumeration(IEnumerable<string> values, string description) => new()
    {
        ["type"] = "string",
        ["enum"] = new JsonArray([.. values.Order(StringComparer.Ordinal).Select(v => (JsonNode)v)]),
        ["description"] = description,
    };

    private static JsonObject Choice(IEnumerable<string> schemas, string description)
    {
        var choice = Wrapper([.. schemas.Select(s => (ShapeBuilder.ElementName(s), Ref(s), false))]);
        choice["description"] = description;
        return choice;
    }

    private static Dictionary<string, JsonObject> LoadMessageSchemas()
    {
        var assembly = typeof(SoapContract).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(MessageSchemaPrefix, StringComparison.Ordinal))
            .ToDictionary(n => n[MessageSchemaPrefix.Length..].Replace(".schema.json", string.Empty, StringComparison.Ordinal), n => Load(assembly, n), StringComparer.Ordinal);
    }

    private static JsonObject Load(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return JsonNode.Parse(stream)!.AsObject();
    }
}
