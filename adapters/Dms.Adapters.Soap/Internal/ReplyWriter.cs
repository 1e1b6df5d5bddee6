using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Xml;
using Microsoft.AspNetCore.Http;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Writes a reply envelope: the operation's response element rendered from JSON by its shape, a wsu:Timestamp when
/// the request carried one, and wsa:RelatesTo when it carried a wsa:MessageID. The security header is written
/// without mustUnderstand: clients that add their token through a plain handler (JAX-WS) reject a reply header
/// they must understand but do not process.
/// </summary>
internal sealed class ReplyWriter(TimeProvider clock)
{
    public async Task WriteAsync(HttpContext context, SoapOperation operation, JsonObject? result, SoapCaller caller, SoapEnvelope envelope)
    {
        var reply = new JsonObject();
        if (operation.Result is { } name && result is not null)
        {
            reply[name] = result;
        }

        var body = Render(operation, reply, caller.WantsTimestamp ? clock.GetUtcNow() : null, envelope);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/xml; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    /// <summary>An envelope with <paramref name="operation"/>'s element (its request or its response) and no headers: what the callback sends.</summary>
    public static byte[] Request(SoapOperation operation, JsonObject input) => Envelope(null, null, writer =>
    {
        writer.WriteStartElement(string.Empty, operation.Name, SoapContract.Namespace);
        JsonToXml.WriteChildren(writer, input, operation.Input);
        writer.WriteEndElement();
    });

    private static byte[] Render(SoapOperation operation, JsonObject reply, DateTimeOffset? timestamp, SoapEnvelope envelope) => Envelope(timestamp, envelope, writer =>
    {
        writer.WriteStartElement(string.Empty, operation.ResponseName, SoapContract.Namespace);
        JsonToXml.WriteChildren(writer, reply, operation.Output);
        writer.WriteEndElement();
    }, operation.SoapAction + "Response");

    private static byte[] Envelope(DateTimeOffset? timestamp, SoapEnvelope? request, Action<XmlWriter> body, string? action = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Async = false }))
        {
            writer.WriteStartElement("s", "Envelope", SoapFault.Envelope11);
            if (timestamp is not null || request?.MessageId is not null)
            {
                writer.WriteStartElement("s", "Header", SoapFault.Envelope11);
                if (timestamp is { } now)
                {
                    WriteTimestamp(writer, now);
                }

                if (request is { MessageId: { } id, Addressing: { } wsa })
                {
                    writer.WriteElementString("wsa", "Action", wsa.NamespaceName, action);
                    writer.WriteElementString("wsa", "RelatesTo", wsa.NamespaceName, XmlChars.Clean(id));
                }

                writer.WriteEndElement();
            }

            writer.WriteStartElement("s", "Body", SoapFault.Envelope11);
            body(writer);
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return buffer.ToArray();
    }

    private static void WriteTimestamp(XmlWriter writer, DateTimeOffset now)
    {
        writer.WriteStartElement("o", "Security", SoapFault.Wsse);
        writer.WriteStartElement("u", "Timestamp", SoapFault.Wsu);
        writer.WriteAttributeString("u", "Id", SoapFault.Wsu, "_0");
        writer.WriteElementString("u", "Created", SoapFault.Wsu, Time(now));
        writer.WriteElementString("u", "Expires", SoapFault.Wsu, Time(now.AddMinutes(5)));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
