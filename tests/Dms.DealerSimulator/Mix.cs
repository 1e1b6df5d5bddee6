using System.Text.Json.Nodes;
using Dms.Testing;
using Dms.Testing.Soap;
using Dms.Testing.Soap.Contract;

namespace Dms.DealerSimulator;

/// <summary>
/// The benchmark mix, one line per document type: the documents of one vehicle's life in the order a dealer sends them
/// (each waits for the one before it to be accepted) — an RDR, then a claim for the same VIN — and beside them the
/// dealer's orders: a vehicle order for its brand's stock (the OEM takes it through a dozen stages to the dealer) and
/// a parts stock order (acknowledged, shipped in up to two notices, backorders as a tag-on).
/// </summary>
public static class Mix
{
    private static readonly HashSet<string> OrderEnds = new(["AtDealer", "Rejected"], StringComparer.Ordinal);
    // Shipped once the backorders went out as a tag-on; Rejected when the depot supplies none of it.
    private static readonly HashSet<string> PartsEnds = new(["Shipped", "Rejected"], StringComparer.Ordinal);

    public static IReadOnlyList<MixEntry> Journey { get; } =
    [
        new("retail-delivery-report", "retail-delivery-reports", v => TestDocuments.Rdr(v.Vin), body => body.Remove("vin"),
            (v, invalid) => WithoutVinIf(invalid, XmlDocuments.Rdr(v.Vin)),
            (service, document) => service.SubmitRetailDeliveryReportAsync((RetailDeliveryReport)document), AwaitsDecision: false),
        new("warranty-claim", "warranty-claims", v => TestDocuments.Claim(v.Vin), null,
            (v, _) => XmlDocuments.Claim(v.Vin),
            (service, document) => service.SubmitWarrantyClaimAsync((WarrantyClaim)document), AwaitsDecision: true),
        new("vehicle-order", "vehicle-orders", v => Order(v.Brand), body => body.Remove("modelCode"),
            (v, invalid) => SoapOrder(v.Brand, invalid),
            (service, document) => service.SubmitVehicleOrderAsync((VehicleOrder)document), AwaitsDecision: false,
            Settled: order => OrderEnds.Contains(Status(order))),
        new("parts-order", "parts-orders", _ => PartsOrder(), body => body.Remove("lines"),
            (_, invalid) => SoapPartsOrder(invalid),
            (service, document) => service.SubmitPartsOrderAsync((PartsOrder)document), AwaitsDecision: false,
            Settled: order => PartsEnds.Contains(Status(order))),
    ];

    /// <summary>The journey limited to <paramref name="types"/> (comma-separated; empty: the whole journey).</summary>
    public static IReadOnlyList<MixEntry> Of(string types) =>
        string.IsNullOrWhiteSpace(types) ? Journey : [.. Journey.Where(e => types.Split(',', StringSplitOptions.TrimEntries).Contains(e.DocumentType, StringComparer.Ordinal))];

    /// <summary>How the mix reads in a report.</summary>
    public static string Describe() =>
        "per vehicle " + string.Join(" then ", Journey.Select(e => $"a {e.DocumentType}")) + " (the RDR and the claim for the same VIN; the OEM simulator takes each order through its stages)";

    public static MixEntry Get(string documentType) => Journey.Single(e => e.DocumentType == documentType);

    public static string Route(string documentType) => Get(documentType).RouteSegment;

    // Stock for the dealer's own brand: an Aurora SUV, or a Borealis sedan (the demo order guide).
    private static JsonObject Order(string brand)
    {
        var order = TestDocuments.Order();
        if (brand == "Borealis")
        {
            order["modelCode"] = "BOR-SED";
            order["trim"] = "LX";
            order["options"] = new JsonArray("W17", "NAV");
        }

        return order;
    }

    // An invalid SOAP order names a model the order guide does not know: the rules refuse it (MODEL_NOT_OFFERED).
    private static VehicleOrder SoapOrder(string brand, bool invalid)
    {
        var order = XmlDocuments.Order();
        if (brand == "Borealis")
        {
            (order.ModelCode, order.Trim, order.Options) = ("BOR-SED", "LX", ["W17", "NAV"]);
        }

        if (invalid)
        {
            order.ModelCode = "XXX-000";
        }

        return order;
    }

    // Oil filters, spark plugs and air filters from the demo part master, in pack sizes.
    private static readonly (string Part, int Quantity)[] PartsLines = [("15400-AUR-001", 10), ("98079-AUR-200", 8), ("17220-AUR-030", 3)];

    private static JsonObject PartsOrder() => new()
    {
        ["dealerOrderNumber"] = "PO-" + TestDocuments.Next(),
        ["orderType"] = "Stock",
        ["lines"] = new JsonArray([.. PartsLines.Select((l, i) => (JsonNode)new JsonObject { ["lineNumber"] = i + 1, ["partNumber"] = l.Part, ["quantity"] = l.Quantity })]),
    };

    // An invalid SOAP parts order names a part the part master does not know: the rules refuse it.
    private static PartsOrder SoapPartsOrder(bool invalid) => new()
    {
        DealerOrderNumber = "PO-S-" + TestDocuments.Next(),
        Lines = [.. PartsLines.Select((l, i) => new PartsOrderLine { LineNumber = i + 1, PartNumber = invalid && i == 0 ? "00000-XXX-000" : l.Part, Quantity = l.Quantity })],
    };

    private static string Status(JsonObject document) => document["status"]!.GetValue<string>();

    private static RetailDeliveryReport WithoutVinIf(bool invalid, RetailDeliveryReport report)
    {
        if (invalid)
        {
            report.Vin = null;
        }

        return report;
    }
}
