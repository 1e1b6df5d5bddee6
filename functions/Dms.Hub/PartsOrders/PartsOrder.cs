using System.Text.Json.Serialization;

namespace Dms.Hub.PartsOrders;

/// <summary>The canonical parts order (schemas/parts-order.v1.schema.json). The dealer comes from credentials.</summary>
public sealed record PartsOrder
{
    public required string DealerOrderNumber { get; init; }

    /// <summary>Stock, VOR, Emergency, Campaign or Special.</summary>
    public required string OrderType { get; init; }

    public int? Priority { get; init; }

    public DateOnly? RequestedShipDate { get; init; }

    public ShipTo? ShipTo { get; init; }

    public bool? BackorderAllowed { get; init; }

    public bool? PartialAllowed { get; init; }

    public bool? SubstitutionAllowed { get; init; }

    /// <summary>VOR: the vehicle waiting in the workshop.</summary>
    public string? Vin { get; init; }

    /// <summary>VOR: the repair order the parts are for.</summary>
    public string? RepairOrderNumber { get; init; }

    public string? CampaignCode { get; init; }

    /// <summary><c>manual</c> (the default) or <c>suggested</c>.</summary>
    public string? Source { get; init; }

    public string? SuggestionId { get; init; }

    public string? Notes { get; init; }

    public required IReadOnlyList<PartsOrderLine> Lines { get; init; }

    // Derived, not part of the document: kept out of the stored body, which REST and SOAP show as the dealer sent it.
    [JsonIgnore]
    public bool IsVor => OrderType == PartsOrderTypes.Vor;
}

public sealed record PartsOrderLine
{
    public required int LineNumber { get; init; }

    public required string PartNumber { get; init; }

    public required int Quantity { get; init; }

    public string? UnitOfMeasure { get; init; }

    /// <summary>Set by the hub: the superseded part the dealer ordered, replaced by <see cref="PartNumber"/>.</summary>
    public string? SubstitutedFor { get; init; }
}

public sealed record ShipTo(string LocationCode, string? Instructions);

/// <summary>The order types of DOMAIN.md §3.</summary>
public static class PartsOrderTypes
{
    public const string Stock = "Stock";
    public const string Vor = "VOR";
    public const string Emergency = "Emergency";
    public const string Campaign = "Campaign";
    public const string Special = "Special";

    public static IReadOnlyList<string> All { get; } = [Stock, Vor, Emergency, Campaign, Special];
}
