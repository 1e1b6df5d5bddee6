using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.PeriodicReports.Rules;

/// <summary>Stock vehicles' VINs carry a valid check digit (when the OEM requires it for RDRs, it does here too).</summary>
internal sealed class StockVinRule(Func<bool> required) : IRule<MonthlyStockReport>
{
    public ValueTask CheckAsync(MonthlyStockReport document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (!required())
        {
            return ValueTask.CompletedTask;
        }

        for (var i = 0; i < document.Lines.Count; i++)
        {
            if (!Vin.HasValidCheckDigit(document.Lines[i].Vin))
            {
                errors.Add(new(JsonPointer.Append(JsonPointer.Append("/lines", i), "vin"), ErrorCodes.InvalidVin, "The VIN's check digit (9th character) does not match."));
            }
        }

        return ValueTask.CompletedTask;
    }
}
