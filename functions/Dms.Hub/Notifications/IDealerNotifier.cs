using Dms.Hub.Dealers;
using Dms.Hub.Routing;

namespace Dms.Hub.Notifications;

/// <summary>
/// Port: pushes a notification to a dealer's own system. Keyed by the dealer's notification channel
/// (<c>webhook</c>, <c>soap</c>, ...). Must classify failures in the result rather than throw.
/// </summary>
public interface IDealerNotifier
{
    Task<DeliveryResult> NotifyAsync(Dealer dealer, Notification notification, CancellationToken cancellationToken);
}
