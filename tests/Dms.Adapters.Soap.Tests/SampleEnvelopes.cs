using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using Dms.Adapters.Soap.Internal;
using Dms.Adapters.Soap.Internal.Contract;

namespace Dms.Adapters.Soap.Tests;

/// <summary>
/// One request envelope per operation of the contract, built from the schema examples (schemas/examples/*/valid),
/// with the demo dealer's UsernameToken: what the README shows and what the abuse corpus mutates. A new document
/// type's operations get samples without a line here.
/// </summary>
internal static class SampleEnvelopes
{
    public const string SampleTrackingId = "D001-01KB3Q9V7M2X8Y4Z6A0C1E3G5J";
    public const string SampleReceiptId = "01KB3QA2D4F6H8K0M2P4R6T8V0";

    /// <summary>Operation name → the JSON of its request (the wrapper's children).</summary>
    public static IEnumerable<(SoapOperation Operation, JsonObject Input)> Inputs(SoapContract contract)
    {
        foreach (var operation in contract.Dealer.Operations)
        {
            var input = new JsonObject();
            foreach (var property in operation.Input.Properties)
            {
                input[property.Name] = property.Name switch
                {
                    "trackingId" => SampleTrackingId,
                    "commandId" => "3f1c2a9e-5b7d-4e8a-9c01-6d2b4f8e7a10",
                    "maxItems" => 10,
                    "documentType" => contract.Dealer.Operations.First(o => o.Type is not null).Type!.Name,
                    "since" => null,
                    "receiptIds" => new JsonArray(SampleReceiptId),
                    _ when operation.Body == property.Name => Example(operation.Body, property.Shape, operation.Command?.Verb),
                    _ when operation.Service?.Parameters.FirstOrDefault(p => p.Name == property.Name) is { } parameter => parameter.Example,
                    _ => null,
                };
            }

            foreach (var empty in input.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                input.Remove(empty);
            }

            yield return (operation, input);
        }
    }

    /// <summary>
    /// A valid example of the schema behind a body element (<c>warrantyClaim</c> → schemas/examples/warranty-claim):
    /// the one named after the command's verb if there is one (<c>cancel.json</c> for CancelWarrantyClaim), else the first.
    /// </summary>
    public static JsonObject Example(string element, Shape shape, string? verb = null)
    {
        var folder = Path.Combine(RepoRoot.Path, "schemas", "examples", Kebab(shape.TypeName ?? element), "valid");
        var files = Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        var file = files.FirstOrDefault(f => string.Equals(Path.GetFileNameWithoutExtension(f), verb, StringComparison.OrdinalIgnoreCase)) ?? files[0];
        return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
    }

    public static string Envelope(SoapOperation operation, JsonObject input, string username = "D001", string password = "demo-soap-D001")
    {
        var request = XDocument.Parse(Encoding.UTF8.GetString(ReplyWriter.Request(operation, input)));
        XNamespace s = SoapFault.Envelope11;
        XNamespace wsse = SoapFault.Wsse;
        request.Root!.AddFirst(new XElement(s + "Header",
            new XElement(wsse + "Security", new XAttribute(XNamespace.Xmlns + "wsse", wsse.NamespaceName),
                new XElement(wsse + "UsernameToken",
                    new XElement(wsse + "Username", username),
                    new XElement(wsse + "Password", new XAttribute("Type", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"), password)))));
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", OmitXmlDeclaration = true, NewLineChars = "\n" };
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, settings))
        {
            request.Root.Save(writer);
        }

        return text + "\n";
    }

    private static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
}
