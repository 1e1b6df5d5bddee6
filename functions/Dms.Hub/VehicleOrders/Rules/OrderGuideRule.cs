using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.VehicleOrders.Rules;

/// <summary>
/// The order against the OEM's order guide: the model (for the dealer's brand), its model year, trim, colours and
/// options, then the option constraints (requires, excludes, one-of groups). Every violation is reported, each with the
/// path to the offending code.
/// </summary>
internal sealed class OrderGuideRule(Func<VehicleOrderOptions> options) : IRule<VehicleOrder>
{
    public ValueTask CheckAsync(VehicleOrder order, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (!options().OrderGuide.TryGetValue(order.ModelCode, out var model))
        {
            errors.Add(new("/modelCode", ErrorCodes.UnknownModel, $"{order.ModelCode} is not in the order guide."));
            return ValueTask.CompletedTask;
        }

        if (model.Brand is { } brand && !string.Equals(brand, context.Dealer.Brand, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new("/modelCode", ErrorCodes.ModelNotOffered, $"{order.ModelCode} is a {brand} model; dealer {context.Dealer.Code} sells {context.Dealer.Brand}."));
        }

        Check(errors, model.ModelYears.Contains(order.ModelYear), "/modelYear", ErrorCodes.ModelYearNotOffered, $"{order.ModelCode} is not offered for model year {order.ModelYear}.");
        Check(errors, model.Trims.Contains(order.Trim), "/trim", ErrorCodes.InvalidTrim, $"{order.ModelCode} has no trim '{order.Trim}'.");
        Check(errors, model.ExteriorColors.Contains(order.ExteriorColor), "/exteriorColor", ErrorCodes.InvalidExteriorColor, $"{order.ExteriorColor} is not an exterior colour of {order.ModelCode}.");
        Check(errors, model.InteriorColors.Contains(order.InteriorColor), "/interiorColor", ErrorCodes.InvalidInteriorColor, $"{order.InteriorColor} is not an interior colour of {order.ModelCode}.");
        OptionConstraints.Check(model, order.ModelCode, order.Options ?? [], errors);
        return ValueTask.CompletedTask;
    }

    private static void Check(ICollection<ValidationError> errors, bool ok, string path, string code, string message)
    {
        if (!ok)
        {
            errors.Add(new(path, code, message));
        }
    }
}
