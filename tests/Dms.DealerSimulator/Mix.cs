using Dms.Testing.Soap.Contract;
using Dms.Testing;
using Dms.Testing.Soap;

namespace Dms.DealerSimulator;

/// <summary>
/// The benchmark mix: the documents of one vehicle's life, in the order a dealer sends them (each waits for the one
/// before it to be accepted). One line per document type; vehicle orders and parts orders join as lines here.
/// </summary>
public static class Mix
{
    public static IReadOnlyList<MixEntry> Journey { get; } =
    [
        new("retail-delivery-report", "retail-delivery-reports", vin => TestDocuments.Rdr(vin), body => body.Remove("vin"),
            (vin, invalid) => WithoutVinIf(invalid, XmlDocuments.Rdr(vin)),
            (service, document) => service.SubmitRetailDeliveryReportAsync((RetailDeliveryReport)document), AwaitsDecision: false),
        new("warranty-claim", "warranty-claims", vin => TestDocuments.Claim(vin), null,
            (vin, _) => XmlDocuments.Claim(vin),
            (service, document) => service.SubmitWarrantyClaimAsync((WarrantyClaim)document), AwaitsDecision: true),
    ];

    /// <summary>How the mix reads in a report.</summary>
    public static string Describe() =>
        "every vehicle is " + string.Join(" then ", Journey.Select(e => $"a {e.DocumentType}")) + " for the same VIN";

    public static MixEntry Get(string documentType) => Journey.Single(e => e.DocumentType == documentType);

    public static string Route(string documentType) => Get(documentType).RouteSegment;

    private static RetailDeliveryReport WithoutVinIf(bool invalid, RetailDeliveryReport report)
    {
        if (invalid)
        {
            report.Vin = null;
        }

        return report;
    }
}
