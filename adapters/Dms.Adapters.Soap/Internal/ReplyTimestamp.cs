using System.Globalization;
using System.ServiceModel.Channels;
using System.Xml;
using Microsoft.AspNetCore.Http;
using SoapCore.Extensibility;
using SoapCore.ServiceModel;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Answers a request that carried a wsu:Timestamp with one of our own: WCF clients using
/// TransportWithMessageCredential refuse a reply without it ("unable to find a security header"), while clients
/// without WS-Security support reject a mustUnderstand header they cannot process — so the reply mirrors the request.
/// </summary>
internal sealed class ReplyTimestamp(IHttpContextAccessor http, TimeProvider clock) : IMessageInspector2
{
    public object? AfterReceiveRequest(ref Message message, ServiceDescription serviceDescription) => null;

    public void BeforeSendReply(ref Message reply, ServiceDescription serviceDescription, object? correlationState)
    {
        if (SoapCaller.Find(http.HttpContext)?.WantsTimestamp == true)
        {
            reply.Headers.Add(new TimestampHeader(clock.GetUtcNow()));
        }
    }

    private sealed class TimestampHeader(DateTimeOffset now) : MessageHeader
    {
        public override string Name => "Security";

        public override string Namespace => SoapFault.Wsse;

        public override bool MustUnderstand => true;

        protected override void OnWriteStartHeader(XmlDictionaryWriter writer, MessageVersion messageVersion)
        {
            writer.WriteStartElement("o", Name, Namespace);
            WriteHeaderAttributes(writer, messageVersion);
        }

        protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
        {
            writer.WriteStartElement("u", "Timestamp", SoapFault.Wsu);
            writer.WriteAttributeString("u", "Id", SoapFault.Wsu, "_0");
            writer.WriteElementString("u", "Created", SoapFault.Wsu, now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteElementString("u", "Expires", SoapFault.Wsu, now.AddMinutes(5).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            writer.WriteEndElement();
        }
    }
}
