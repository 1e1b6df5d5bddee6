namespace Dms.Hub.WarrantyClaims;

public static class WarrantyClaimStates
{
    public const string Submitted = "Submitted";
    public const string Rejected = "Rejected";
    public const string Accepted = "Accepted";
    public const string UnderReview = "UnderReview";
    public const string PendingInformation = "PendingInformation";
    public const string Approved = "Approved";
    public const string PartiallyApproved = "PartiallyApproved";
    public const string Denied = "Denied";
    public const string Paid = "Paid";
    public const string ChargedBack = "ChargedBack";
    public const string Appealed = "Appealed";
    public const string Cancelled = "Cancelled";
}
