using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.PeriodicReports.Rules;

/// <summary>A financial statement is in one currency: every line in the first line's.</summary>
internal sealed class SingleCurrencyRule : IRule<MonthlyFinancialStatement>
{
    public ValueTask CheckAsync(MonthlyFinancialStatement document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var currency = document.Lines.Count > 0 ? document.Lines[0].Currency : null;
        for (var i = 0; i < document.Lines.Count; i++)
        {
            if (document.Lines[i].Currency != currency)
            {
                errors.Add(new(JsonPointer.Append(JsonPointer.Append("/lines", i), "currency"), ErrorCodes.CurrencyMismatch, $"All lines must be in {currency}."));
            }
        }

        return ValueTask.CompletedTask;
    }
}
