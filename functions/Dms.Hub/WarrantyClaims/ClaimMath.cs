namespace Dms.Hub.WarrantyClaims;

/// <summary>Claim arithmetic in minor units; labor rounds half away from zero per line, as invoices do.</summary>
public static class ClaimMath
{
    public static long LaborAmount(LaborLine line) =>
        (long)decimal.Round(line.Hours * line.Rate.Amount, 0, MidpointRounding.AwayFromZero);

    public static long ComputedTotal(WarrantyClaim claim) =>
        claim.LaborLines.Sum(LaborAmount)
        + claim.PartLines.Sum(p => p.Quantity * p.UnitPrice.Amount)
        + (claim.OtherCosts?.Sum(o => o.Amount.Amount) ?? 0)
        - (claim.Deductible?.Amount ?? 0);
}
