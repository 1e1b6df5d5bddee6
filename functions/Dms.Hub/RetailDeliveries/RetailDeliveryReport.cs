using Dms.Hub.Common;

namespace Dms.Hub.RetailDeliveries;

/// <summary>The canonical retail delivery report (schemas/retail-delivery-report.v1.schema.json): one per vehicle sold.</summary>
public sealed record RetailDeliveryReport
{
    public required string ReportNumber { get; init; }

    public required string Vin { get; init; }

    public required DateOnly SaleDate { get; init; }

    /// <summary>Starts the vehicle's warranty.</summary>
    public required DateOnly DeliveryDate { get; init; }

    public required Distance DeliveryOdometer { get; init; }

    public required string SaleType { get; init; }

    public required VehicleModel Vehicle { get; init; }

    /// <summary>Personal data: stored for the OEM, never logged.</summary>
    public required Buyer Buyer { get; init; }

    public string? SalespersonId { get; init; }

    public string? FinanceType { get; init; }

    public IReadOnlyList<string>? IncentiveCodes { get; init; }

    public string? RegistrationRegion { get; init; }
}
