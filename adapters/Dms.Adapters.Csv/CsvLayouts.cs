using System.Collections.Frozen;
using static Dms.Adapters.Csv.CsvColumn;

namespace Dms.Adapters.Csv;

/// <summary>
/// The CSV layout of every document type that can come as a file: one declaration each. A new type (a parts stock
/// snapshot, say) is one more entry here — reading, checks, templates, error reports and docs follow from it.
/// </summary>
public static class CsvLayouts
{
    public static FrozenDictionary<string, CsvLayout> All { get; } = new[]
    {
        CsvLayout.PerRow("retail-delivery-report", "report_number",
            Text("report_number", "/reportNumber", "RDR-2026-000123", description: "Your deal or report number; unique per dealer, sending it again is idempotent."),
            Text("vin", "/vin", "LDMCV3H00SA000017"),
            Date("sale_date", "/saleDate", "2026-11-20"),
            Date("delivery_date", "/deliveryDate", "2026-11-22", description: "Starts the warranty."),
            WholeNumber("odometer_value", "/deliveryOdometer/value", "12"),
            Text("odometer_unit", "/deliveryOdometer/unit", "km", description: "km or mi."),
            Text("sale_type", "/saleType", "Retail", description: "Retail, Lease, Fleet, Demo or DealerTrade."),
            Text("model_code", "/vehicle/modelCode", "AUR-SUV"),
            WholeNumber("model_year", "/vehicle/modelYear", "2026"),
            Text("trim", "/vehicle/trim", "Limited AWD", required: false),
            Text("buyer_type", "/buyer/type", "Person", description: "Person or Organization."),
            Text("buyer_name", "/buyer/name", "Wang Fang", description: "Personal data: stored for the OEM, never logged.", personal: true),
            Text("buyer_email", "/buyer/email", "wang.fang@example.com", required: false, personal: true),
            Text("buyer_phone", "/buyer/phone", "+86 21 5555 0100", required: false, personal: true),
            Boolean("buyer_marketing_consent", "/buyer/consent/marketing", "false"),
            Boolean("buyer_data_sharing_consent", "/buyer/consent/dataSharing", "true"),
            Text("salesperson_id", "/salespersonId", "S042", required: false),
            Text("finance_type", "/financeType", "Loan", required: false, description: "Cash, Loan or Lease."),
            List("incentive_codes", "/incentiveCodes", "SPRING26 LOYALTY", description: "Space-separated codes."),
            Text("registration_region", "/registrationRegion", "Shanghai", required: false)),
        CsvLayout.Grouping("daily-sales-summary", ["period", "version"],
            [Date("period", "/period", "2026-11-23", description: "The sales day."), WholeNumber("version", "/version", "1"), Boolean("zero_report", "/zeroReport", "false", description: "true on a single row without line values: nothing sold that day.")],
            [Text("model_code", "modelCode", "AUR-SUV"), Text("sale_type", "saleType", "Retail"), WholeNumber("units", "units", "4")]),
        CsvLayout.Grouping("monthly-stock-report", ["period", "version"],
            [
                Text("period", "/period", "2026-10", description: "The month (yyyy-MM)."), WholeNumber("version", "/version", "1"), Boolean("zero_report", "/zeroReport", "false"),
                WholeNumber("parts_stock_value", "/partsStockValue/amount", "185000000", required: false, description: "Minor units (fen, cents)."),
                Text("parts_stock_currency", "/partsStockValue/currency", "CNY", required: false),
            ],
            [Text("vin", "vin", "LDMCV3H00SA000017"), Text("model_code", "modelCode", "AUR-SUV"), WholeNumber("days_in_stock", "daysInStock", "12"), Text("status", "status", "InStock")]),
        CsvLayout.Grouping("monthly-financial-statement", ["period", "version"],
            [Text("period", "/period", "2026-10", description: "The month (yyyy-MM)."), WholeNumber("version", "/version", "1"), Boolean("zero_report", "/zeroReport", "false")],
            [Text("account_code", "accountCode", "4000"), Text("description", "description", "New vehicle sales", required: false), WholeNumber("amount", "amount", "1250000000", description: "Minor units; negative for credits."), Text("currency", "currency", "CNY")]),
        CsvLayout.Grouping("parts-inventory", ["snapshot_id"],
            [
                Text("snapshot_id", "/snapshotId", "STOCK-2026-11-30", description: "Your ID for this snapshot; unique per dealer, sending it again is idempotent."),
                Text("kind", "/kind", "Full", description: "Full (replaces your whole position) or Incremental (changes the parts listed)."),
                Text("as_of", "/asOf", "2026-11-30T06:00:00Z", description: "When the stock was counted (UTC, ISO 8601)."),
                Text("previous_snapshot_id", "/previousSnapshotId", "STOCK-2026-11-29", required: false, description: "Incremental: the snapshot this one follows."),
            ],
            [
                Text("part_number", "partNumber", "45022-AUR-010"), WholeNumber("on_hand", "onHand", "4"),
                WholeNumber("reserved", "reserved", "1", required: false), WholeNumber("on_order", "onOrder", "0", required: false),
                WholeNumber("backordered", "backordered", "0", required: false), WholeNumber("twelve_month_sales", "twelveMonthSales", "36", required: false),
                WholeNumber("twelve_month_lost_sales", "twelveMonthLostSales", "2", required: false), WholeNumber("twelve_month_vor_sales", "twelveMonthVorSales", "4", required: false),
                WholeNumber("dealer_min", "dealerMin", "2", required: false), WholeNumber("dealer_max", "dealerMax", "12", required: false), Text("bin", "bin", "A-12-03", required: false),
            ]) with { LinesProperty = "parts", CountProperty = null },
    }.ToFrozenDictionary(l => l.DocumentType, StringComparer.Ordinal);
}
