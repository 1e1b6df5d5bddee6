namespace Dms.Hub.Sales;

/// <summary>The dimensions HQ sales figures group and filter by, and the two dates they are counted on.</summary>
public static class SalesDimensions
{
    public const string Region = "region";
    public const string District = "district";
    public const string Dealer = "dealer";
    public const string Model = "model";
    public const string SaleType = "saleType";

    public static readonly string[] All = [Region, District, Dealer, Model, SaleType];

    /// <summary>Counted on the sale date.</summary>
    public const string SaleBasis = "sale";

    /// <summary>Counted on the delivery date (warranty start).</summary>
    public const string DeliveryBasis = "delivery";

    public static readonly string[] Bases = [SaleBasis, DeliveryBasis];
}
