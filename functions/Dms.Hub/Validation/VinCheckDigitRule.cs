using Dms.Hub.Common;
using Dms.Hub.Registry;

namespace Dms.Hub.Validation;

/// <summary>The VIN's check digit, for any document that carries a VIN; whether it is required is per-OEM policy.</summary>
internal sealed class VinCheckDigitRule<TDocument>(Func<TDocument, string> vin, Func<bool> required) : IRule<TDocument>
{
    public ValueTask CheckAsync(TDocument document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (required() && !Vin.HasValidCheckDigit(vin(document)))
        {
            errors.Add(new("/vin", ErrorCodes.InvalidVin, "The VIN's check digit (9th character) does not match."));
        }

        return ValueTask.CompletedTask;
    }
}
