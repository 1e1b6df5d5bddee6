using System.Security;
using Dms.Adapters.Soap.Internal.Contract;
using Microsoft.AspNetCore.Http;

namespace Dms.Adapters.Soap.Internal;

/// <summary>Serves the generated WSDLs; the dealer service's address is the request's public address (<see cref="PublicAddress"/>).</summary>
internal sealed class MetadataEndpoint(SoapContract contract, PublicAddress address)
{
    public const string ServicePath = "/DealerService.svc";
    public const string CallbackPath = "/DealerCallback.svc";
    private readonly Lazy<string> _dealer = new(() => WsdlWriter.Write(contract.Dealer));
    private readonly Lazy<string> _callback = new(() => WsdlWriter.Write(contract.Callback));

    /// <summary>Renders both documents once, so a contract the registry cannot express stops the start-up.</summary>
    public void Prepare() => _ = (_dealer.Value, _callback.Value);

    public static bool IsMetadataRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Query.Keys.Any(k => k.Equals("wsdl", StringComparison.OrdinalIgnoreCase) || k.Equals("singleWsdl", StringComparison.OrdinalIgnoreCase));

    public async Task WriteAsync(HttpContext context, bool callback)
    {
        string document;
        if (callback)
        {
            document = _callback.Value;
        }
        else if (address.ServiceUrl(context, ServicePath) is { } url)
        {
            document = _dealer.Value.Replace(WsdlWriter.AddressPlaceholder, SecurityElement.Escape(url), StringComparison.Ordinal);
        }
        else
        {
            await SoapFault.Client(400, "This host name is not served; configure Dms:Soap:AllowedHosts or Dms:Soap:PublicBaseUrl.").WriteAsync(context);
            return;
        }

        context.Response.ContentType = "text/xml; charset=utf-8";
        await context.Response.WriteAsync(document, context.RequestAborted);
    }
}
