using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;

namespace Dms.Adapters.Soap.Tests;

/// <summary>The XML Schema inside a published WSDL, compiled by .NET's validator, and validation of elements against it.</summary>
internal static class Contracts
{
    public static readonly XNamespace Xs = "http://www.w3.org/2001/XMLSchema";
    public static readonly XNamespace Wsdl = "http://schemas.xmlsoap.org/wsdl/";
    public static readonly XNamespace Soap = "http://schemas.xmlsoap.org/wsdl/soap/";

    /// <summary>The schema as a document of its own, with the prefixes it uses declared on it.</summary>
    public static XDocument Schema(XDocument wsdl)
    {
        var schema = new XElement(wsdl.Descendants(Xs + "schema").Single());
        schema.SetAttributeValue(XNamespace.Xmlns + "xs", Xs.NamespaceName);
        return new XDocument(schema);
    }

    public static XmlSchemaSet SchemaOf(XDocument wsdl)
    {
        var errors = new List<string>();
        var set = new XmlSchemaSet { XmlResolver = null };
        set.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = Schema(wsdl).CreateReader();
        set.Add(XmlSchema.Read(reader, (_, e) => errors.Add(e.Message))!);
        set.Compile();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
        return set;
    }

    public static void AssertValid(XmlSchemaSet schema, XElement element)
    {
        var errors = new List<string>();
        new XDocument(new XElement(element)).Validate(schema, (_, e) => errors.Add(e.Message));
        Assert.True(errors.Count == 0, string.Join('\n', errors) + "\n" + element);
    }

    public static XmlReaderSettings Safe { get; } = new() { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
}
