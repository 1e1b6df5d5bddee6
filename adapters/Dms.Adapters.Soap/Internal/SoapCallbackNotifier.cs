using System.Net.Http.Headers;
using System.Xml;
using System.Xml.Linq;
using Dms.Adapters.Soap.Internal.Contract;
using Dms.Adapters.Soap.Internal.Operations;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Pushes notifications to a dealer's NotifyDocumentStatus endpoint (the callback WSDL): the envelope is rendered
/// by the contract's own writer and posted with HttpClient. Retries, backoff and dead letters are the work
/// queue's, exactly as for webhooks.
/// </summary>
internal sealed class SoapCallbackNotifier(IHttpClientFactory clients, SoapContract contract) : IDealerNotifier
{
    public const string Key = NotificationChannels.Soap;
    public const string ClientName = "dms-soap-callbacks";

    public async Task<DeliveryResult> NotifyAsync(Dealer dealer, Notification notification, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(dealer.CallbackUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return DeliveryResult.Permanent("The dealer's SOAP callback URL is not a valid http(s) URL.");
        }

        var operation = contract.Callback.Operations[0];
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ByteArrayContent(ReplyWriter.Request(operation, new() { ["notification"] = MailboxOperations.Notification(notification) })),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/xml") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("SOAPAction", $"\"{operation.SoapAction}\"");
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return await ClassifyAsync(response, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient(ex is TaskCanceledException ? "Timed out." : "The dealer's endpoint could not be reached.");
        }
    }

    // SOAP 1.1 faults travel with 500: a Client fault is the dealer refusing this message (not retried), a Server
    // fault or any other 5xx is worth another try.
    private static async Task<DeliveryResult> ClassifyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return DeliveryResult.Delivered(null, status);
        }

        var fault = await FaultAsync(response, cancellationToken);
        if (fault is { Code: var code } && code.EndsWith("Client", StringComparison.Ordinal))
        {
            return DeliveryResult.Permanent("The dealer's endpoint refused the notification: " + fault.Value.Reason, status);
        }

        return status is 408 or 429 or >= 500
            ? DeliveryResult.Transient($"HTTP {status}{(fault is { } f ? ": " + f.Reason : string.Empty)}", response.Headers.RetryAfter?.Delta, status)
            : DeliveryResult.Permanent($"HTTP {status}", status);
    }

    private static async Task<(string Code, string Reason)?> FaultAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            using var reader = XmlReader.Create(new StringReader(text.Length > 64 * 1024 ? text[..(64 * 1024)] : text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            var fault = XDocument.Load(reader).Descendants(XName.Get("Fault", SoapFault.Envelope11)).FirstOrDefault();
            return fault is null ? null : ((string?)fault.Element("faultcode") ?? string.Empty, Truncate((string?)fault.Element("faultstring") ?? string.Empty));
        }
        catch (XmlException)
        {
            return null;
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
