using System.Collections.Concurrent;
using System.ServiceModel;
using Dms.Adapters.Soap.Contracts;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Routing;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Pushes notifications to a dealer's SOAP endpoint (<see cref="IDealerCallback"/>) with the WCF client, Task-based
/// so no thread blocks. Retries, backoff and dead letters are the work queue's, exactly as for webhooks.
/// </summary>
internal sealed class SoapCallbackNotifier(IOptions<SoapOptions> options) : IDealerNotifier, IDisposable
{
    public const string Key = NotificationChannels.Soap;
    private readonly ConcurrentDictionary<string, ChannelFactory<IDealerCallback>> _factories = new(StringComparer.Ordinal);

    public async Task<DeliveryResult> NotifyAsync(Dealer dealer, Notification notification, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(dealer.CallbackUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return DeliveryResult.Permanent("The dealer's SOAP callback URL is not a valid http(s) URL.");
        }

        var channel = _factories.GetOrAdd(url.AbsoluteUri, CreateFactory).CreateChannel();
        var client = (IClientChannel)channel;
        try
        {
            await channel.NotifyDocumentStatusAsync(SoapViews.Notification(notification));
            client.Close();
            return DeliveryResult.Delivered(null, 200);
        }
        catch (FaultException fault)
        {
            client.Abort();
            return fault.Code?.IsReceiverFault == true
                ? DeliveryResult.Transient("The dealer's endpoint answered a server fault.")
                : DeliveryResult.Permanent("The dealer's endpoint refused the notification: " + Truncate(fault.Message));
        }
        catch (Exception ex) when (ex is CommunicationException or TimeoutException)
        {
            client.Abort();
            return DeliveryResult.Transient(ex is TimeoutException ? "Timed out." : "The dealer's endpoint could not be reached.");
        }
    }

    public void Dispose()
    {
        foreach (var factory in _factories.Values)
        {
            factory.Abort();
        }
    }

    private ChannelFactory<IDealerCallback> CreateFactory(string url)
    {
        var timeout = TimeSpan.FromSeconds(options.Value.CallbackTimeoutSeconds);
        System.ServiceModel.Channels.Binding binding = url.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
            ? new BasicHttpsBinding { SendTimeout = timeout, OpenTimeout = timeout, CloseTimeout = timeout }
            : new BasicHttpBinding { SendTimeout = timeout, OpenTimeout = timeout, CloseTimeout = timeout };
        return new ChannelFactory<IDealerCallback>(binding, new EndpointAddress(url));
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
