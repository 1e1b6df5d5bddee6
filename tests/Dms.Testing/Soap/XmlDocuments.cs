using Dms.Adapters.Soap.Contracts;

namespace Dms.Testing.Soap;

/// <summary>Valid documents as XML contracts, dated relative to today.</summary>
public static class XmlDocuments
{
    public static RetailDeliveryReportXml Rdr(string vin, string? number = null) => new()
    {
        ReportNumber = number ?? "RDR-S-" + TestDocuments.Next(),
        Vin = vin,
        SaleDate = TestDocuments.Date(TestDocuments.Today.AddDays(-2)),
        DeliveryDate = TestDocuments.Date(TestDocuments.Today.AddDays(-1)),
        DeliveryOdometer = new DistanceXml { Value = 10, Unit = "km" },
        SaleType = "Retail",
        Vehicle = new VehicleXml { ModelCode = "AUR-SUV", ModelYear = 2026 },
        Buyer = new BuyerXml { Type = "Person", Name = "SOAP Buyer", Consent = new ConsentXml { Marketing = false } },
        IncentiveCodes = ["LOYALTY-500"],
    };

    public static WarrantyClaimXml Claim(string vin, string? number = null) => new()
    {
        DealerClaimNumber = number ?? "WC-S-" + TestDocuments.Next(),
        ClaimType = "Warranty",
        Vin = vin,
        RepairOrder = new RepairOrderXml
        {
            Number = "RO-S-" + TestDocuments.Next(),
            OpenedOn = TestDocuments.Date(TestDocuments.Today),
            ClosedOn = TestDocuments.Date(TestDocuments.Today),
            MileageIn = new DistanceXml { Value = 5000, Unit = "km" },
        },
        Complaint = new CodedTextXml { Code = "C100", Text = "Coolant leak" },
        Cause = new CodedTextXml { Code = "K210" },
        Correction = new CodedTextXml { Code = "R300" },
        LaborLines = [new LaborLineXml { OperationCode = "EN1001", Hours = 1.5m, Rate = Usd(9500) }],
        PartLines = [new PartLineXml { PartNumber = "19200-5A2-A01", Quantity = 1, UnitPrice = Usd(12000), Causal = true }],
        ClaimedTotal = Usd(26250),
    };

    public static MoneyXml Usd(long amount) => new() { Amount = amount, Currency = "USD" };
}
