using Dms.Hub.Common;

namespace Dms.Hub.WarrantyClaims;

/// <summary>The canonical warranty claim (schemas/warranty-claim.v1.schema.json). The dealer comes from credentials.</summary>
public sealed record WarrantyClaim
{
    public required string DealerClaimNumber { get; init; }

    public required string ClaimType { get; init; }

    public string? PriorClaimNumber { get; init; }

    public required string Vin { get; init; }

    public required RepairOrder RepairOrder { get; init; }

    public required CodedText Complaint { get; init; }

    public required CodedText Cause { get; init; }

    public required CodedText Correction { get; init; }

    public string? SymptomCode { get; init; }

    public string? DefectCode { get; init; }

    public string? CampaignId { get; init; }

    public string? PreAuthorizationNumber { get; init; }

    public required IReadOnlyList<LaborLine> LaborLines { get; init; }

    public required IReadOnlyList<PartLine> PartLines { get; init; }

    public IReadOnlyList<OtherCost>? OtherCosts { get; init; }

    public Money? Deductible { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public required Money ClaimedTotal { get; init; }
}
