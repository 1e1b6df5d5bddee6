using System.Text;

namespace Dms.Testing;

/// <summary>CSV files of RDRs (the required columns) as a dealer system would export them.</summary>
public static class TestCsv
{
    public const string RdrHeader = "report_number,vin,sale_date,delivery_date,odometer_value,odometer_unit,sale_type,model_code,model_year,buyer_type,buyer_name";

    /// <summary>One valid row (delivered yesterday unless given).</summary>
    public static string RdrRow(string? number = null, string? vin = null, DateOnly? delivered = null, string buyer = "Test Buyer", string model = "AUR-SUV", string saleType = "Retail")
    {
        var day = delivered ?? TestDocuments.Today.AddDays(-1);
        return string.Join(',', number ?? "RDR-" + TestDocuments.Next(), vin ?? TestDocuments.NewVin(), TestDocuments.Date(day.AddDays(-1)), TestDocuments.Date(day), "12", "km", saleType, model, "2026", "Person", buyer);
    }

    public static string File(string header, IEnumerable<string> rows, string newLine = "\r\n") => header + newLine + string.Join(newLine, rows) + newLine;

    public static byte[] Bytes(string text, bool bom = false) => (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
}
