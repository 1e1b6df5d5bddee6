using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Rules;

/// <summary>
/// Every line against the part master: the part exists and is still supplied, a superseded part is refused (when the
/// OEM refuses rather than substitutes: substitution happened when the order was read), the unit is the part's, and
/// the quantity is a whole number of packs.
/// </summary>
internal sealed class PartMasterRule(PartMaster parts) : IRule<PartsOrder>
{
    public ValueTask CheckAsync(PartsOrder order, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            var path = $"/lines/{i}";
            if (parts.Find(line.PartNumber) is not { } part)
            {
                errors.Add(new(path + "/partNumber", PartsErrorCodes.UnknownPart, $"{line.PartNumber} is not in the OEM's part master."));
                continue;
            }

            if (part.SupersededBy is { } successor)
            {
                var current = parts.Current(line.PartNumber);
                errors.Add(new(path + "/partNumber", PartsErrorCodes.PartSuperseded, current is null
                    ? $"{line.PartNumber} is superseded by {successor}, which cannot be supplied."
                    : $"{line.PartNumber} is superseded by {current.PartNumber}; the OEM refuses superseded part numbers: order {current.PartNumber}."));
                continue;
            }

            if (part.Discontinued)
            {
                errors.Add(new(path + "/partNumber", PartsErrorCodes.PartDiscontinued, $"{line.PartNumber} is discontinued and no longer supplied."));
                continue;
            }

            var unit = line.UnitOfMeasure ?? "EA";
            if (unit != part.UnitOfMeasure)
            {
                errors.Add(new(path + "/unitOfMeasure", PartsErrorCodes.UnitOfMeasureMismatch, $"{line.PartNumber} is sold in {part.UnitOfMeasure}, not {unit}."));
            }

            if (line.Quantity % part.PackSize != 0)
            {
                var below = line.Quantity / part.PackSize * part.PackSize;
                errors.Add(new(path + "/quantity", PartsErrorCodes.PackSizeMultiple,
                    $"{line.PartNumber} comes in packs of {part.PackSize}: order {(below > 0 ? $"{below} or " : string.Empty)}{below + part.PackSize}, not {line.Quantity}."));
            }
        }

        return ValueTask.CompletedTask;
    }
}
