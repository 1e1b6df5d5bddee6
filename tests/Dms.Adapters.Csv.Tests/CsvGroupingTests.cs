using Dms.Hub.Batches;

namespace Dms.Adapters.Csv.Tests;

/// <summary>Periodic reports: rows with the same period and version are one document whose rows are its lines.</summary>
public sealed class CsvGroupingTests
{
    private const string Stock = "monthly-stock-report";
    private const string Header = "period,version,zero_report,parts_stock_value,parts_stock_currency,vin,model_code,days_in_stock,status";

    [Fact]
    public async Task Read_RowsOfOnePeriodAndVersion_OneDocumentWithItsLines_AndDeclaredLines()
    {
        var file = Csv.Utf8(string.Join("\r\n", Header,
            "2026-10,1,,1250000,CNY,LDMCV3H00SA000017,AUR-SUV,12,InStock",
            "2026-10,1,,,,LDMCV3H00SA000025,BOR-SED,95,Demo",
            "2026-10,2,true,0,CNY,,,,") + "\r\n");

        var documents = await Csv.ReadAsync(Csv.Format(), Stock, file);

        Assert.Equal(2, documents.Count);
        Assert.Equal(2, documents[0].Body["lines"]!.AsArray().Count);
        Assert.Equal(2, documents[0].Body["declaredLines"]!.GetValue<int>());
        Assert.Equal(1250000, documents[0].Body["partsStockValue"]!["amount"]!.GetValue<long>());
        Assert.Equal([2, 3], documents[0].LineRows!);
        Assert.Equal((true, 0), (documents[1].Body["zeroReport"]!.GetValue<bool>(), documents[1].Body["lines"]!.AsArray().Count));
        Assert.Equal(new BatchCellRef(3, 3, "days_in_stock", "95"), documents[0].Locate("/lines/1/daysInStock"));
        Assert.Equal(new BatchCellRef(2, 2, "parts_stock_currency", "CNY"), documents[0].Locate("/partsStockValue/currency"));
    }

    [Fact]
    public async Task Read_RowsDisagreeingOnADocumentField_InconsistentValueOnTheLaterRow()
    {
        var file = Csv.Utf8(string.Join("\r\n", Header,
            "2026-10,1,,1250000,CNY,LDMCV3H00SA000017,AUR-SUV,12,InStock",
            "2026-10,1,,999,CNY,LDMCV3H00SA000025,BOR-SED,95,Demo") + "\r\n");

        var error = Assert.Single(Assert.Single(await Csv.ReadAsync(Csv.Format(), Stock, file)).Errors);

        Assert.Equal((3, "parts_stock_value", "INCONSISTENT_VALUE"), (error.Row, error.Column, error.Code));
    }
}
