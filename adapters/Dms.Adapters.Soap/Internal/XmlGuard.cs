using System.Xml;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Reads an untrusted envelope before anything else does. DTDs are refused by a byte scan before any parser runs
/// (a 1 KB billion-laughs request once allocated ~500 MB in a SOAP stack that expanded entities, STACK.md); then
/// one bounded, DTD-prohibiting pass checks well-formedness, depth, element count and the length of every value.
/// </summary>
internal sealed class XmlGuard(IOptions<SoapOptions> options)
{
    private readonly SoapOptions _options = options.Value;

    public SoapFault? Check(byte[] body)
    {
        if (body.AsSpan().StartsWith(new byte[] { 0xFE, 0xFF }) || body.AsSpan().StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            return SoapFault.Client(415, "Send the envelope as UTF-8.");
        }

        if (body.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0 || body.AsSpan().IndexOf("<!ENTITY"u8) >= 0)
        {
            return SoapFault.Client(400, "Document type and entity declarations are not accepted.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return SoapFault.Client(400, "The envelope is not valid UTF-8.");
        }

        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), SafeSettings(_options));
            var elements = 0;
            var root = true;
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && reader.Value.Length > _options.MaxStringLength)
                {
                    return SoapFault.Client(400, $"A value is longer than {_options.MaxStringLength} characters.");
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (root && (reader.LocalName != "Envelope" || reader.NamespaceURI != SoapFault.Envelope11))
                {
                    return SoapFault.Client(400, "Not a SOAP 1.1 envelope.");
                }

                root = false;
                if (++elements > _options.MaxElements || reader.Depth > _options.MaxDepth)
                {
                    return SoapFault.Client(400, "The envelope is nested too deeply or has too many elements.");
                }
            }

            return root ? SoapFault.Client(400, "The envelope is empty.") : null;
        }
        catch (XmlException)
        {
            return SoapFault.Client(400, "The envelope is not well-formed XML.");
        }
    }

    public static XmlReaderSettings SafeSettings(SoapOptions options) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = options.MaxBodyBytes * 2L,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };
}
