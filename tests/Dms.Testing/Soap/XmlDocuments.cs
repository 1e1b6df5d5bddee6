using Dms.Testing.Soap.Contract;

namespace Dms.Testing.Soap;

/// <summary>Valid documents as the test client's contract classes, dated relative to today.</summary>
public static class XmlDocuments
{
    public static RetailDeliveryReport Rdr(string vin, string? number = null) => new()
    {
        ReportNumber = number ?? "RDR-S-" + TestDocuments.Next(),
        Vin = vin,
        SaleDate = Day(-2),
        DeliveryDate = Day(-1),
        DeliveryOdometer = new Distance { Value = 10, Unit = DistanceUnit.Km },
        SaleType = "Retail",
        Vehicle = new RetailDeliveryReportVehicle { ModelCode = "AUR-SUV", ModelYear = 2026 },
        Buyer = new RetailDeliveryReportBuyer { Type = "Person", Name = "SOAP Buyer" },
        IncentiveCodes = ["LOYALTY-500"],
    };

    public static WarrantyClaim Claim(string vin, string? number = null) => new()
    {
        DealerClaimNumber = number ?? "WC-S-" + TestDocuments.Next(),
        ClaimType = WarrantyClaimType.Warranty,
        Vin = vin,
        RepairOrder = new WarrantyClaimRepairOrder
        {
            Number = "RO-S-" + TestDocuments.Next(),
            OpenedOn = Day(0),
            ClosedOn = Day(0),
            MileageIn = new Distance { Value = 5000, Unit = DistanceUnit.Km },
        },
        Complaint = new CodedText { Code = "C100", Text = "Coolant leak" },
        Cause = new CodedText { Code = "K210" },
        Correction = new CodedText { Code = "R300" },
        LaborLines = [new WarrantyClaimLaborLine { OperationCode = "EN1001", Hours = 1.5m, Rate = Usd(9500) }],
        PartLines = [new WarrantyClaimPartLine { PartNumber = "19200-5A2-A01", Quantity = 1, UnitPrice = Usd(12000), Causal = true }],
        ClaimedTotal = Usd(26250),
    };

    /// <summary>A stock AUR-SUV for an Aurora dealer (the test dealers' brand), as <see cref="TestDocuments.Order"/>.</summary>
    public static VehicleOrder Order(string? number = null) => new()
    {
        DealerOrderNumber = number ?? "VO-S-" + TestDocuments.Next(),
        OrderType = VehicleOrderType.Stock,
        Priority = 40,
        PrioritySpecified = true,
        ModelCode = "AUR-SUV",
        ModelYear = 2026,
        Trim = "Sport",
        ExteriorColor = "WHT",
        InteriorColor = "BLK",
        Options = ["W19", "PAN", "NAV"],
        RequestedDelivery = new VehicleOrderRequestedDelivery { Earliest = Day(30), Latest = Day(60) },
        AllocationPeriod = TestDocuments.Today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Money Usd(long amount) => new() { Amount = amount, Currency = "USD" };

    private static DateTime Day(int offset) => TestDocuments.Today.AddDays(offset).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
}
