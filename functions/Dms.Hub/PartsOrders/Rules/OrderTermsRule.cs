using Dms.Hub.Common;
using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.PartsOrders.Rules;

/// <summary>
/// The order's own terms: unique line numbers and parts; a VOR order has a valid VIN and a repair order and at most
/// the OEM's VOR line limit; a campaign order names its campaign; the requested ship date is not in the past.
/// </summary>
internal sealed class OrderTermsRule(PartsPolicy policy) : IRule<PartsOrder>
{
    public ValueTask CheckAsync(PartsOrder order, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var options = policy.Options;
        var numbers = new HashSet<int>();
        var parts = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < order.Lines.Count; i++)
        {
            var line = order.Lines[i];
            if (!numbers.Add(line.LineNumber))
            {
                errors.Add(new($"/lines/{i}/lineNumber", PartsErrorCodes.DuplicateLineNumber, $"Line number {line.LineNumber} is used twice."));
            }

            if (!parts.Add(line.PartNumber))
            {
                errors.Add(new($"/lines/{i}/partNumber", PartsErrorCodes.DuplicatePart, $"{line.PartNumber} is ordered on two lines; order the total on one."));
            }
        }

        if (order.IsVor)
        {
            if (order.Lines.Count > options.VorMaxLines)
            {
                errors.Add(new("/lines", PartsErrorCodes.VorTooManyLines, $"A VOR order has at most {options.VorMaxLines} lines, not {order.Lines.Count}."));
            }

            if (order.Vin is null)
            {
                errors.Add(new("/vin", PartsErrorCodes.VinRequired, "A VOR order names the vehicle off the road (vin)."));
            }
            else if (options.RequireVinCheckDigit && !Vin.HasValidCheckDigit(order.Vin))
            {
                errors.Add(new("/vin", ErrorCodes.InvalidVin, "The VIN's check digit (9th character) does not match."));
            }

            if (order.RepairOrderNumber is null)
            {
                errors.Add(new("/repairOrderNumber", PartsErrorCodes.RepairOrderRequired, "A VOR order names the workshop repair order (repairOrderNumber)."));
            }
        }

        if (order.OrderType == PartsOrderTypes.Campaign && order.CampaignCode is null)
        {
            errors.Add(new("/campaignCode", PartsErrorCodes.CampaignCodeRequired, "A campaign order names its campaign (campaignCode)."));
        }

        if (order.RequestedShipDate is { } ship && ship < context.Today && !context.IsResubmission)
        {
            errors.Add(new("/requestedShipDate", PartsErrorCodes.ShipDateInPast, $"The requested ship date {ship:yyyy-MM-dd} has passed."));
        }

        return ValueTask.CompletedTask;
    }
}
