using Dms.Hub.Intake;
using Dms.Hub.Registry;
using Dms.Hub.Validation;
using Microsoft.Extensions.Options;

namespace Dms.Hub.WarrantyClaims.Rules;

/// <summary>
/// Base coverage by time and distance, counted from the warranty start that the selling dealer's accepted RDR set —
/// never from a date the claiming dealer supplies.
/// </summary>
internal sealed class CoverageRule(VehicleRegistry vehicles, IOptionsMonitor<WarrantyClaimOptions> options) : IRule<WarrantyClaim>
{
    public async ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var policy = options.CurrentValue;
        if (policy.CoverageExemptClaimTypes.Contains(document.ClaimType))
        {
            return;
        }

        var retail = await vehicles.GetRetailAsync(document.Vin, cancellationToken);
        if (retail is null)
        {
            errors.Add(new("/vin", ErrorCodes.NoWarrantyRecord, "No retail delivery report has started this vehicle's warranty."));
            return;
        }

        var repairedOn = document.RepairOrder.OpenedOn;
        if (repairedOn < retail.WarrantyStart)
        {
            errors.Add(new("/repairOrder/openedOn", ErrorCodes.NoWarrantyRecord, $"The repair predates the warranty start ({retail.WarrantyStart:yyyy-MM-dd})."));
        }
        else if (repairedOn >= retail.WarrantyStart.AddMonths(policy.CoverageMonths))
        {
            errors.Add(new("/repairOrder/openedOn", ErrorCodes.ExpiredWarranty, $"The {policy.CoverageMonths}-month warranty from {retail.WarrantyStart:yyyy-MM-dd} has expired."));
        }

        var driven = document.RepairOrder.MileageIn.Kilometres - retail.DeliveryOdometerKm;
        if (driven > policy.CoverageKilometres)
        {
            errors.Add(new("/repairOrder/mileageIn", ErrorCodes.ExpiredWarranty, $"The vehicle has been driven {driven:F0} km since delivery; coverage ends at {policy.CoverageKilometres} km."));
        }
    }
}
