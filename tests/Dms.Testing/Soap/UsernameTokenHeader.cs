using System.Security.Cryptography;
using System.ServiceModel.Channels;
using System.Text;
using System.Xml;

namespace Dms.Testing.Soap;

/// <summary>
/// A wsse:Security header with a PasswordDigest UsernameToken, written the way Java/WSS4J legacy clients do
/// (WCF itself only sends PasswordText). The digest is computed here, independently of the hub.
/// </summary>
public sealed class UsernameTokenHeader(string username, string password, byte[] nonce, string created) : MessageHeader
{
    private const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    private const string Profile = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";

    public override string Name => "Security";

    public override string Namespace => Wsse;

    public override bool MustUnderstand => true;

#pragma warning disable CA5350 // The UsernameToken profile prescribes SHA-1.
    public static string Digest(byte[] nonce, string created, string password) =>
        Convert.ToBase64String(SHA1.HashData([.. nonce, .. Encoding.UTF8.GetBytes(created), .. Encoding.UTF8.GetBytes(password)]));
#pragma warning restore CA5350

    protected override void OnWriteStartHeader(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        writer.WriteStartElement("wsse", Name, Namespace);
        WriteHeaderAttributes(writer, messageVersion);
    }

    protected override void OnWriteHeaderContents(XmlDictionaryWriter writer, MessageVersion messageVersion)
    {
        writer.WriteStartElement("wsse", "UsernameToken", Wsse);
        writer.WriteElementString("wsse", "Username", Wsse, username);
        writer.WriteStartElement("wsse", "Password", Wsse);
        writer.WriteAttributeString("Type", Profile + "#PasswordDigest");
        writer.WriteString(Digest(nonce, created, password));
        writer.WriteEndElement();
        writer.WriteStartElement("wsse", "Nonce", Wsse);
        writer.WriteAttributeString("EncodingType", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
        writer.WriteString(Convert.ToBase64String(nonce));
        writer.WriteEndElement();
        writer.WriteElementString("wsu", "Created", Wsu, created);
        writer.WriteEndElement();
    }
}
