using System.Xml.Linq;

namespace Dms.Adapters.Soap.Internal;

/// <summary>A guarded SOAP 1.1 envelope, read: the one operation element in its Body and the headers the hub uses.</summary>
/// <param name="MessageId">wsa:MessageID, when the client uses WS-Addressing.</param>
internal sealed record SoapEnvelope(XElement Operation, string? MessageId, XNamespace? Addressing)
{
    public static readonly XNamespace Soap = SoapFault.Envelope11;
    private static readonly XNamespace[] AddressingVersions = ["http://www.w3.org/2005/08/addressing", "http://schemas.xmlsoap.org/ws/2004/08/addressing"];
    private const string NextActor = "http://schemas.xmlsoap.org/soap/actor/next";

    /// <summary>The envelope's operation and headers, or the fault that refuses it (SOAP 1.1 §4).</summary>
    public static (SoapEnvelope? Envelope, SoapFault? Fault) Read(XDocument document)
    {
        var root = document.Root!;
        var children = root.Elements().ToList();
        var header = children.FirstOrDefault(e => e.Name == Soap + "Header");
        var bodies = children.Where(e => e.Name == Soap + "Body").ToList();
        if (bodies.Count != 1 || (header is not null && children.IndexOf(header) > children.IndexOf(bodies[0])))
        {
            return (null, SoapFault.Processing("s:Client", "The envelope needs exactly one Body (after the Header, if any)."));
        }

        if (header?.Elements().FirstOrDefault(h => MustUnderstand(h) && !Understood(h)) is { } unknown)
        {
            return (null, SoapFault.Processing("s:MustUnderstand", $"The header {unknown.Name.LocalName} ({unknown.Name.NamespaceName}) is not understood."));
        }

        var operations = bodies[0].Elements().ToList();
        if (operations.Count != 1 || bodies[0].Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            return (null, SoapFault.Processing("s:Client", "The Body must hold exactly one operation element."));
        }

        var messageId = header?.Elements().FirstOrDefault(h => h.Name.LocalName == "MessageID" && AddressingVersions.Contains(h.Name.Namespace));
        return (new SoapEnvelope(operations[0], messageId?.Value.Trim(), messageId?.Name.Namespace), null);
    }

    private static bool MustUnderstand(XElement header) =>
        (string?)header.Attribute(Soap + "mustUnderstand") is { } flag && flag.Trim() is "1" or "true"
        && ((string?)header.Attribute(Soap + "actor") is not { } actor || actor == NextActor);

    private static bool Understood(XElement header) =>
        header.Name == XName.Get("Security", SoapFault.Wsse) || AddressingVersions.Contains(header.Name.Namespace);
}
