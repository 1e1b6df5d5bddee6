using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.RetailDeliveries.Rules;

internal sealed class DeliveryDatesRule : IRule<RetailDeliveryReport>
{
    public ValueTask CheckAsync(RetailDeliveryReport document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        if (document.DeliveryDate > context.Today)
        {
            errors.Add(new("/deliveryDate", ErrorCodes.DeliveryDateInFuture, "A vehicle cannot be reported before it is delivered."));
        }

        if (document.SaleDate > document.DeliveryDate)
        {
            errors.Add(new("/saleDate", ErrorCodes.SaleAfterDelivery, "The sale date is after the delivery date."));
        }

        return ValueTask.CompletedTask;
    }
}
