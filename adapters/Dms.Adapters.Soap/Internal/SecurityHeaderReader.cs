using System.Xml.Linq;

namespace Dms.Adapters.Soap.Internal;

/// <summary>Finds the one wsse:Security header of a (guarded) envelope and reads its UsernameToken and Timestamp.</summary>
internal static class SecurityHeaderReader
{
    private const string DigestType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    private const string TextType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
    private static readonly XNamespace S = SoapFault.Envelope11;
    private static readonly XNamespace Wsse = SoapFault.Wsse;
    private static readonly XNamespace Wsu = SoapFault.Wsu;

    /// <summary>The header, or a fault explaining why it is unusable.</summary>
    public static (SecurityHeader? Header, SoapFault? Fault) Read(XDocument document)
    {
        var envelope = document.Root!;
        var securities = envelope.Element(S + "Header")?.Elements(Wsse + "Security").ToList() ?? [];
        if (securities.Count != 1)
        {
            return (null, SoapFault.InvalidSecurity("Send exactly one wsse:Security header with a UsernameToken."));
        }

        var token = securities[0].Element(Wsse + "UsernameToken");
        var password = token?.Element(Wsse + "Password");
        if (token is null || password is null)
        {
            return (null, SoapFault.InvalidSecurity("The wsse:Security header has no UsernameToken with a Password."));
        }

        var type = (string?)password.Attribute("Type") ?? TextType;
        if (type is not (TextType or DigestType))
        {
            return (null, SoapFault.InvalidSecurity("Unsupported password type; use PasswordText or PasswordDigest."));
        }

        var timestamp = securities[0].Element(Wsu + "Timestamp");
        return (new SecurityHeader(
            ((string?)token.Element(Wsse + "Username"))?.Trim(),
            (string?)password,
            type == DigestType,
            ((string?)token.Element(Wsse + "Nonce"))?.Trim(),
            ((string?)token.Element(Wsu + "Created"))?.Trim(),
            ((string?)timestamp?.Element(Wsu + "Created"))?.Trim(),
            ((string?)timestamp?.Element(Wsu + "Expires"))?.Trim()), null);
    }
}
