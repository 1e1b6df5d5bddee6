using Dms.Hub.Dealers;

namespace Dms.Hub.Notifications;

/// <summary>
/// Who a mailbox partition belongs to: a dealer, or an HQ user (a manager hearing of reporting escalations, whose
/// partition is <see cref="HqUser.MailboxCode"/>), as a recipient the dealer notifiers can push to.
/// </summary>
public sealed class NotificationRecipients(DealerDirectory dealers, IHqUserStore users)
{
    public async Task<Dealer?> FindAsync(string code, CancellationToken cancellationToken) =>
        code.StartsWith(HqUser.MailboxPrefix, StringComparison.Ordinal)
            ? (await users.GetAsync(code[HqUser.MailboxPrefix.Length..], cancellationToken))?.AsRecipient()
            : await dealers.GetDealerAsync(code, cancellationToken);
}
