using System.Text.Json;
using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Dealers;
using Dms.Hub.Notifications;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Dms.Hub.Workflow;

namespace Dms.Hub.Reporting;

/// <summary>
/// Tells a rung's recipients (<see cref="EscalationStepOptions.Notify"/>): <c>dealer</c> — the dealer's mailbox and
/// push channel, as for any status change; <c>district-manager</c>, <c>region-manager</c> and <c>hq</c> — the
/// managers of the dealer's district or region (or every HQ user), each in a mailbox of their own and on their
/// webhook if they gave one. Each recipient's notice is one commit in its own partition (mailbox entry + push work).
/// </summary>
public sealed class EscalationNotices(DealerDirectory dealers, IHqUserStore users, DocumentCommitter committer, TimeProvider clock)
{
    public const string Dealer = "dealer";
    public const string DistrictManager = "district-manager";
    public const string RegionManager = "region-manager";
    public const string Hq = "hq";

    /// <summary>The statuses a notice carries besides a document's own: what a slot can be when it escalates.</summary>
    public static readonly IReadOnlyList<string> Statuses = [ReportSlotStatus.Expected, ReportSlotStatus.Received, "Late"];

    public async Task SendAsync(ReportSlot slot, EscalationStepOptions step, string message, CancellationToken cancellationToken)
    {
        if (await dealers.GetDealerAsync(slot.DealerCode, cancellationToken) is not { } dealer)
        {
            return;
        }

        var managers = step.Notify.Any(n => n != Dealer) ? await users.ListAsync(cancellationToken) : [];
        foreach (var recipient in Recipients(step, dealer, managers))
        {
            await SendAsync(recipient, slot, step, message, cancellationToken);
        }
    }

    /// <summary>Who hears of <paramref name="step"/> for <paramref name="dealer"/>'s slot, each once.</summary>
    public static IEnumerable<Dealer> Recipients(EscalationStepOptions step, Dealer dealer, IReadOnlyList<HqUser> managers)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var audience in step.Notify)
        {
            var chosen = audience == Dealer ? [dealer] : managers.Where(m => Serves(m, audience, dealer)).Select(m => m.AsRecipient());
            foreach (var recipient in chosen.Where(r => seen.Add(r.Code)))
            {
                yield return recipient;
            }
        }
    }

    private static bool Serves(HqUser manager, string audience, Dealer dealer) => audience switch
    {
        DistrictManager => manager.Role == PrincipalRole.DistrictManager && Same(manager.Region, dealer.Region) && Same(manager.District, dealer.District),
        RegionManager => manager.Role == PrincipalRole.RegionalManager && Same(manager.Region, dealer.Region),
        Hq => manager.Role == PrincipalRole.Hq,
        _ => false,
    };

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private async Task SendAsync(Dealer recipient, ReportSlot slot, EscalationStepOptions step, string message, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var subject = ReportEscalation.SubjectOf(slot);
        var status = slot.DueAt is { } due && due <= now ? "Late" : slot.Status;
        var notification = new Notification(
            Ids.NewUlid(now), recipient.Code, subject.Id, slot.Kind, slot.Period, status, null,
            "Escalation" + char.ToUpperInvariant(step.Step[0]) + step.Step[1..], now, null, ReportEscalation.AlertId(slot, step.Step));
        var changes = new ChangeSet(recipient.Code);
        changes.Notifications.Add(notification);
        if (recipient.NotificationChannel != NotificationChannels.Mailbox && recipient.CallbackUrl is not null)
        {
            changes.NewWork.Add(new WorkItem(Ids.NewUlid(now), WorkKinds.Notify, recipient.Code, slot.Kind, subject.Id,
                new JsonObject { ["receiptId"] = notification.ReceiptId, ["notification"] = JsonSerializer.SerializeToNode(notification, HubJson.Options), ["message"] = message },
                now, now, notification.CorrelationId));
        }

        if (await committer.CommitAsync(changes, cancellationToken) != CommitResult.Committed)
        {
            throw new DocumentBusyException("The recipient's mailbox is being changed concurrently; the escalation runs again.");
        }
    }
}
