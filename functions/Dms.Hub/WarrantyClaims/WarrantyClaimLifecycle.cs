using Dms.Hub.Registry;
using static Dms.Hub.WarrantyClaims.WarrantyClaimStates;

namespace Dms.Hub.WarrantyClaims;

/// <summary>
/// Submitted → Rejected | Accepted → (UnderReview ↔ PendingInformation) → Approved | PartiallyApproved | Denied →
/// Paid → ChargedBack; Denied or ChargedBack → Appealed → UnderReview; Cancelled before a decision (DOMAIN.md §1).
/// </summary>
public static class WarrantyClaimLifecycle
{
    public const string SubmittedMessage = "WarrantyClaimSubmitted";
    public const string ResubmittedMessage = "WarrantyClaimResubmitted";
    public const string CancelledMessage = "WarrantyClaimCancelled";
    public const string AppealedMessage = "WarrantyClaimAppealed";

    public static StateMachine Machine { get; } = new(Submitted, Transitions());

    private static IEnumerable<Transition> Transitions()
    {
        yield return new(Submitted, "Accepted", Accepted);
        yield return new(Submitted, Triggers.DeliveryRejected, Rejected);
        yield return new(Submitted, "Cancel", Cancelled, CancelledMessage);

        foreach (var reviewing in new[] { Accepted, UnderReview })
        {
            yield return new(reviewing, "PendingInformation", PendingInformation);
            yield return new(reviewing, "Approved", Approved);
            yield return new(reviewing, "PartiallyApproved", PartiallyApproved);
            yield return new(reviewing, "Denied", Denied);
            yield return new(reviewing, "Cancel", Cancelled, CancelledMessage);
        }

        yield return new(PendingInformation, "Resubmit", Submitted, ResubmittedMessage);
        yield return new(PendingInformation, "Accepted", UnderReview);
        yield return new(PendingInformation, "Denied", Denied);
        yield return new(PendingInformation, "Cancel", Cancelled, CancelledMessage);

        yield return new(Rejected, "Resubmit", Submitted, ResubmittedMessage);
        yield return new(Rejected, "Cancel", Cancelled);

        yield return new(Approved, "Paid", Paid);
        yield return new(PartiallyApproved, "Paid", Paid);
        yield return new(Paid, "ChargedBack", ChargedBack);

        yield return new(Denied, "Appeal", Appealed, AppealedMessage);
        yield return new(ChargedBack, "Appeal", Appealed, AppealedMessage);
        yield return new(Appealed, "Accepted", UnderReview);
        yield return new(Appealed, "Denied", Denied);
        yield return new(Appealed, Triggers.DeliveryRejected, Rejected);
    }
}
