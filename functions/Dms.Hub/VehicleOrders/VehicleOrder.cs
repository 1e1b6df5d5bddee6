namespace Dms.Hub.VehicleOrders;

/// <summary>The canonical vehicle order (schemas/vehicle-order.v1.schema.json). The dealer comes from credentials.</summary>
public sealed record VehicleOrder
{
    public required string DealerOrderNumber { get; init; }

    /// <summary>Stock, Sold, Fleet or Demo.</summary>
    public required string OrderType { get; init; }

    public int? Priority { get; init; }

    /// <summary>Sold orders: a reference into the dealer's system, never personal data.</summary>
    public string? CustomerReference { get; init; }

    public string? FleetAccount { get; init; }

    public required string ModelCode { get; init; }

    public required int ModelYear { get; init; }

    public required string Trim { get; init; }

    public required string ExteriorColor { get; init; }

    public required string InteriorColor { get; init; }

    public IReadOnlyList<string>? Options { get; init; }

    public DeliveryWindow? RequestedDelivery { get; init; }

    /// <summary>YYYY-MM: the allocation month the order draws a unit from.</summary>
    public required string AllocationPeriod { get; init; }

    public string? Notes { get; init; }
}

public sealed record DeliveryWindow(DateOnly Earliest, DateOnly Latest);
