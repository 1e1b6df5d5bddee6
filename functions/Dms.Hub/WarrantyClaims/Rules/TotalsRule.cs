using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.WarrantyClaims.Rules;

/// <summary>One currency throughout, and the claimed total equals labor + parts + other costs − deductible.</summary>
internal sealed class TotalsRule : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var currency = document.ClaimedTotal.Currency;
        var mismatched = Amounts(document).Where(a => a.Money.Currency != currency).ToList();
        foreach (var (path, _) in mismatched)
        {
            errors.Add(new(path + "/currency", ErrorCodes.CurrencyMismatch, $"Every amount must be in the claim's currency ({currency})."));
        }

        if (mismatched.Count == 0)
        {
            var computed = ClaimMath.ComputedTotal(document);
            if (computed != document.ClaimedTotal.Amount)
            {
                errors.Add(new("/claimedTotal/amount", ErrorCodes.ClaimedTotalMismatch, $"The lines add up to {computed}, not {document.ClaimedTotal.Amount}."));
            }
        }

        return ValueTask.CompletedTask;
    }

    private static IEnumerable<(string Path, Money Money)> Amounts(WarrantyClaim claim)
    {
        for (var i = 0; i < claim.LaborLines.Count; i++)
        {
            yield return (JsonPointer.Append("/laborLines", i) + "/rate", claim.LaborLines[i].Rate);
        }

        for (var i = 0; i < claim.PartLines.Count; i++)
        {
            yield return (JsonPointer.Append("/partLines", i) + "/unitPrice", claim.PartLines[i].UnitPrice);
        }

        for (var i = 0; i < (claim.OtherCosts?.Count ?? 0); i++)
        {
            yield return (JsonPointer.Append("/otherCosts", i) + "/amount", claim.OtherCosts![i].Amount);
        }

        if (claim.Deductible is { } deductible)
        {
            yield return ("/deductible", deductible);
        }
    }
}
