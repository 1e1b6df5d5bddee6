using System.Security;
using Microsoft.AspNetCore.Http;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// A SOAP 1.1 fault we answer ourselves. Faults reached by SOAP processing use 500 (SOAP 1.1, WS-I BP R1126, and
/// what WCF/JAX-WS clients expect); messages refused before they are read as SOAP use 400/404/405/413/415.
/// </summary>
internal sealed record SoapFault(int Status, string Code, string Reason)
{
    public const string Envelope11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    public static SoapFault InvalidSecurity(string reason) => new(500, "wsse:InvalidSecurity", reason);

    public static SoapFault FailedAuthentication { get; } = new(500, "wsse:FailedAuthentication", "The security token could not be authenticated or authorized.");

    public static SoapFault Expired { get; } = new(500, "wsse:MessageExpired", "The message has expired.");

    /// <summary>Refused before SOAP processing (method, media type, size, hostile XML).</summary>
    public static SoapFault Client(int status, string reason) => new(status, "s:Client", reason);

    /// <summary>Refused while processing the envelope: <c>s:Client</c> or <c>s:MustUnderstand</c>, HTTP 500.</summary>
    public static SoapFault Processing(string code, string reason) => new(500, code, reason);

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(
            $"<s:Envelope xmlns:s=\"{Envelope11}\"><s:Body><s:Fault><faultcode xmlns:wsse=\"{Wsse}\">{Code}</faultcode>" +
            $"<faultstring xml:lang=\"en\">{SecurityElement.Escape(Reason)}</faultstring></s:Fault></s:Body></s:Envelope>");
    }
}
