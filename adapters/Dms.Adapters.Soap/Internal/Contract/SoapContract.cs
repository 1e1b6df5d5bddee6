using System.Reflection;
using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Services;
using Dms.Hub.Validation;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// The SOAP contract, generated from the registry and the JSON schemas: for each document type Submit&lt;Type&gt;
/// and one operation per dealer command, one operation per dealer service (stock snapshots, suggested stock orders),
/// then GetDocumentStatus, PullNotifications and AcknowledgeNotifications; and the callback service dealers
/// implement. One namespace for messages and types. A new document type or dealer service appears here without a
/// line of SOAP code.
/// </summary>
internal sealed class SoapContract
{
    public const string Namespace = "urn:dms:dealer:v1";
    private const string MessageSchemaPrefix = "soap-schemas/";
    private const string ServicePart = "service:";
    private readonly ShapeBuilder _shapes;
    private readonly DocumentTypeRegistry _types;
    private readonly DealerServices _services;
    private readonly Dictionary<string, JsonObject> _messages;

    public SoapContract(DocumentTypeRegistry types, DealerServices services, SchemaCatalog catalog)
    {
        _types = types;
        _services = services;
        var messages = _messages = LoadMessageSchemas();
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

        foreach (var service in _services.All)
        {
            yield return ServiceOperation(service);
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

    /// <summary>
    /// A dealer service: its parameters, then its request body in the element named after the request schema; the
    /// reply is one <c>result</c> of the service's own type (<see cref="ServiceResultSchema"/>).
    /// </summary>
    private SoapOperation ServiceOperation(DealerService service)
    {
        var body = ShapeBuilder.ElementName(service.RequestSchema);
        var children = service.Parameters.Select(p => (p.Name, Described(p.Schema, p.Description), true))
            .Append((body, Ref(service.RequestSchema), service.BodyRequired));
        var output = Wrapper(("result", new JsonObject { ["x-registry"] = ServicePart + service.Name }, true));
        return new SoapOperation(service.Name, OperationKind.Service, $"{Namespace}/DealerService/{service.Name}", _shapes.Wrapper(service.Name, Wrapper([.. children])),
            _shapes.Wrapper(service.Name + "Response", output), "result", ContractText.Service(service), Body: body, Service: service);
    }

    /// <summary>service-result.v1 with one more element: the service's reply, named after its schema.</summary>
    private (string, JsonObject) ServiceResultSchema(string name)
    {
        var service = _services.All.Single(s => s.Name == name);
        var schema = _messages["service-result.v1"].DeepClone().AsObject();
        schema["description"] = $"The answer to {service.Name}: the outcome, and {ShapeBuilder.ElementName(service.ReplySchema)} when it is Accepted.";
        var reply = Ref(service.ReplySchema);
        reply["description"] = "The reply (schemas/" + service.ReplySchema + ".schema.json); a refusal may carry what was done before it (a confirmation's orders accepted before one was refused).";
        schema["properties"]![ShapeBuilder.ElementName(service.ReplySchema)] = reply;
        return (service.Name + "Result", schema);
    }

    private static JsonObject Described(JsonObject schema, string description)
    {
        var copy = schema.DeepClone().AsObject();
        copy["description"] = description;
        return copy;
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
        _ when part.StartsWith(ServicePart, StringComparison.Ordinal) => ServiceResultSchema(part[ServicePart.Length..]),
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
