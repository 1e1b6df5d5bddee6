using System.Xml;
using System.Xml.Linq;

namespace Dms.Adapters.Soap.Internal.Contract;

/// <summary>
/// Writes a service's WSDL 1.1 (SOAP 1.1 binding, document/literal wrapped, WS-I Basic Profile: one part per
/// message, named <c>parameters</c>, referring to the operation's element). The address is a placeholder that the
/// metadata endpoint replaces per request.
/// </summary>
internal static class WsdlWriter
{
    public const string AddressPlaceholder = "{{soap-address}}";
    private static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/wsdl/soap/";
    private static readonly XNamespace Tns = SoapContract.Namespace;

    public static string Write(SoapService service)
    {
        var binding = service.Name + "Soap";
        var definitions = new XElement(Wsdl + "definitions",
            new XAttribute("name", service.Name),
            new XAttribute("targetNamespace", Tns.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsdl", Wsdl.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "soap", Soap.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "xs", XsdWriter.Xs.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "tns", Tns.NamespaceName),
            Documentation(service.Documentation),
            new XElement(Wsdl + "types", XsdWriter.Schema(service)),
            service.Operations.SelectMany(o => new[] { Message(o.Name + "Request", o.Name), Message(o.ResponseName, o.ResponseName) }),
            new XElement(Wsdl + "portType", new XAttribute("name", service.Name),
                service.Operations.Select(o => new XElement(Wsdl + "operation", new XAttribute("name", o.Name),
                    Documentation(o.Documentation),
                    new XElement(Wsdl + "input", new XAttribute("message", "tns:" + o.Name + "Request")),
                    new XElement(Wsdl + "output", new XAttribute("message", "tns:" + o.ResponseName))))),
            new XElement(Wsdl + "binding", new XAttribute("name", binding), new XAttribute("type", "tns:" + service.Name),
                new XElement(Soap + "binding", new XAttribute("transport", "http://schemas.xmlsoap.org/soap/http"), new XAttribute("style", "document")),
                service.Operations.Select(o => new XElement(Wsdl + "operation", new XAttribute("name", o.Name),
                    new XElement(Soap + "operation", new XAttribute("soapAction", o.SoapAction), new XAttribute("style", "document")),
                    new XElement(Wsdl + "input", new XElement(Soap + "body", new XAttribute("use", "literal"))),
                    new XElement(Wsdl + "output", new XElement(Soap + "body", new XAttribute("use", "literal")))))),
            new XElement(Wsdl + "service", new XAttribute("name", service.Name),
                new XElement(Wsdl + "port", new XAttribute("name", binding), new XAttribute("binding", "tns:" + binding),
                    new XElement(Soap + "address", new XAttribute("location", service.FixedAddress ?? AddressPlaceholder)))));

        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new System.Text.UTF8Encoding(false), NewLineChars = "\n" };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), definitions).Save(writer);
        }

        return text + "\n";
    }

    private static XElement Message(string name, string element) =>
        new(Wsdl + "message", new XAttribute("name", name),
            new XElement(Wsdl + "part", new XAttribute("name", "parameters"), new XAttribute("element", "tns:" + element)));

    private static XElement? Documentation(string? text) => string.IsNullOrWhiteSpace(text) ? null : new XElement(Wsdl + "documentation", text);

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
