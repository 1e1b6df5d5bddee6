using System.Text;
using System.Xml.Linq;

namespace Dms.Adapters.Soap.Tests.Abuse;

/// <summary>
/// Generates malformed SOAP requests from valid ones, deterministically (a seeded random): broken and truncated XML,
/// other encodings, wrong media types, SOAP 1.2, wrong or missing namespaces, missing, repeated, unknown and
/// misplaced elements, wrong types, huge values, nil and foreign attributes, headers that must be understood, wrong
/// SOAPActions, DTDs. The valid requests come from the contract, so new operations are covered automatically.
/// </summary>
public sealed class MalformedEnvelopes(Random random)
{
    private static readonly XNamespace S = "http://schemas.xmlsoap.org/soap/envelope/";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly string[] WrongValues = ["abc", "1e999", "-1", "99999999999999999999999999999", "", "   ", "true", "2026-02-30", "2026-11-01T25:00:00", "0x1F", "NaN", "-0", "1.0.0", "☃", "<", "D001-../../etc"];

    private static readonly string[] OtherMediaTypes = ["application/soap+xml; charset=utf-8", "application/json", "text/plain", "application/xml", "multipart/related; boundary=x"];
    private static readonly string[] GarbageActions = ["\"\"", "urn:nothing", new string('a', 5000), "\"urn:dms:dealer:v1/DealerService/\""];

    private static readonly string[] Mutations =
    [
        "truncated", "garbage bytes", "invalid utf-8", "utf-16", "latin-1", "wrong content type", "no content type", "soap 1.2",
        "no body", "empty body", "two operations", "text in body", "must-understand header", "wrong soapaction", "garbage soapaction",
        "doctype", "oversized", "deep nesting", "operation without namespace", "operation in another namespace", "unknown operation",
        "missing element", "repeated element", "unknown element", "wrong value", "huge value", "wrapper removed", "child namespace",
        "nil element", "foreign attributes", "children in a value", "comments and cdata",
    ];

    public IEnumerable<MalformedEnvelope> Generate(IReadOnlyList<(string Operation, string Action, string Envelope)> valid, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (operation, action, envelope) = valid[i % valid.Count];
            var mutation = Mutations[random.Next(Mutations.Length)];
            yield return Mutate(operation, action, XDocument.Parse(envelope), mutation, valid[random.Next(valid.Count)].Action);
        }
    }

    private MalformedEnvelope Mutate(string operation, string action, XDocument envelope, string mutation, string otherAction)
    {
        var text = envelope.ToString(SaveOptions.DisableFormatting);
        var body = envelope.Root!.Element(S + "Body")!;
        var op = body.Elements().Single();
        var xml = "text/xml; charset=utf-8";
        MalformedEnvelope Text(string content, string? contentType = "text/xml; charset=utf-8", string? soapAction = null) =>
            new(operation, mutation, Encoding.UTF8.GetBytes(content), contentType, soapAction ?? action);
        MalformedEnvelope Changed() => Text(envelope.ToString(SaveOptions.DisableFormatting));

        switch (mutation)
        {
            case "truncated":
                return Text(text[..random.Next(1, text.Length - 1)]);
            case "garbage bytes":
                return new(operation, mutation, Bytes(random.Next(1, 2048)), xml, action);
            case "invalid utf-8":
                return new(operation, mutation, [.. Encoding.UTF8.GetBytes(text[..(text.Length / 2)]), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes(text[(text.Length / 2)..])], xml, action);
            case "utf-16":
                return new(operation, mutation, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], random.Next(2) == 0 ? "text/xml; charset=utf-16" : "text/xml", action);
            case "latin-1":
                return new(operation, mutation, Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>" + text.Replace("</s:Envelope>", "<!-- Müller --></s:Envelope>", StringComparison.Ordinal)), "text/xml; charset=iso-8859-1", action);
            case "wrong content type":
                return Text(text, OtherMediaTypes[random.Next(OtherMediaTypes.Length)]);
            case "no content type":
                return Text(text, null);
            case "soap 1.2":
                return Text(text.Replace(S.NamespaceName, "http://www.w3.org/2003/05/soap-envelope", StringComparison.Ordinal));
            case "no body":
                body.Remove();
                return Changed();
            case "empty body":
                body.RemoveNodes();
                return Changed();
            case "two operations":
                body.Add(new XElement(op));
                return Changed();
            case "text in body":
                body.AddFirst("stray text");
                return Changed();
            case "must-understand header":
                envelope.Root.Element(S + "Header")!.Add(new XElement(XName.Get("Transaction", "urn:unknown"), new XAttribute(S + "mustUnderstand", "1"), "5"));
                return Changed();
            case "wrong soapaction":
                return Text(text, soapAction: otherAction == action ? action + "X" : otherAction);
            case "garbage soapaction":
                return Text(text, soapAction: GarbageActions[random.Next(GarbageActions.Length)]);
            case "doctype":
                return Text("<!DOCTYPE x [<!ENTITY e \"boom\">]>" + text);
            case "oversized":
                Leaf(op).Value = new string('x', 600 * 1024);
                return Changed();
            case "deep nesting":
                Leaf(op).Add(Nest(random.Next(40, 200)));
                return Changed();
            case "operation without namespace":
                Rename(op, XNamespace.None);
                return Changed();
            case "operation in another namespace":
                Rename(op, random.Next(2) == 0 ? "urn:dms:dealer:v2" : "http://tempuri.org/");
                return Changed();
            case "unknown operation":
                op.Name = op.Name.Namespace + (random.Next(2) == 0 ? "Explode" : op.Name.LocalName + "s");
                return Changed();
            case "missing element":
                Pick(op).Remove();
                return Changed();
            case "repeated element":
                var repeated = Pick(op);
                repeated.AddAfterSelf(new XElement(repeated));
                return Changed();
            case "unknown element":
                Pick(op, includeSelf: true).Add(new XElement(op.Name.Namespace + ("surprise" + random.Next(100)), "x"));
                return Changed();
            case "wrong value":
                Leaf(op).Value = WrongValues[random.Next(WrongValues.Length)];
                return Changed();
            case "huge value":
                Leaf(op).Value = random.Next(2) == 0 ? new string('9', random.Next(30, 5000)) : new string('Z', random.Next(10_000, 200_000));
                return Changed();
            case "wrapper removed":
                var wrapper = op.Descendants().FirstOrDefault(e => e.HasElements && e.Elements().Select(c => c.Name).Distinct().Count() == 1 && e.Elements().First().HasElements) ?? Pick(op);
                wrapper.ReplaceWith(wrapper.Elements());
                return Changed();
            case "child namespace":
                Rename(Pick(op), random.Next(2) == 0 ? XNamespace.None : "urn:other");
                return Changed();
            case "nil element":
                var nil = Pick(op);
                nil.RemoveNodes();
                nil.Add(new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName), new XAttribute(Xsi + "nil", "true"));
                return Changed();
            case "foreign attributes":
                Pick(op, includeSelf: true).Add(new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName), new XAttribute(Xsi + "type", "xs:anyType"), new XAttribute("evil", "1"));
                return Changed();
            case "children in a value":
                Leaf(op).Add(new XElement(op.Name.Namespace + "inner", "x"));
                return Changed();
            case "comments and cdata":
                Leaf(op).Add(new XComment("note"), new XCData("<not>xml</not>"));
                Pick(op, includeSelf: true).AddFirst(new XProcessingInstruction("pi", "x"));
                return Changed();
            default:
                throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null);
        }
    }

    private XElement Pick(XElement operation, bool includeSelf = false)
    {
        var candidates = (includeSelf ? operation.DescendantsAndSelf() : operation.Descendants()).ToList();
        return candidates.Count == 0 ? operation : candidates[random.Next(candidates.Count)];
    }

    private XElement Leaf(XElement operation)
    {
        var leaves = operation.Descendants().Where(e => !e.HasElements).ToList();
        return leaves.Count == 0 ? operation : leaves[random.Next(leaves.Count)];
    }

    private static void Rename(XElement element, XNamespace ns)
    {
        foreach (var node in element.DescendantsAndSelf().Where(e => e.Name.Namespace == element.Name.Namespace).ToList())
        {
            node.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
            node.Name = ns + node.Name.LocalName;
        }
    }

    private static XElement Nest(int depth) => depth == 0 ? new XElement("n") : new XElement("n", Nest(depth - 1));

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
