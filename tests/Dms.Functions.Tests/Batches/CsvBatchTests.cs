
namespace Dms.Functions.Tests.Batches;

/// <summary>The CSV batch channel end to end: row errors back, valid rows in, the same file again changes nothing.</summary>
public sealed class CsvBatchTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task RdrFile_TwoBadRows_ValidRowsBecomeDocuments_ErrorsByRowAndColumn_SameFileAgainSameResult()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var rows = Enumerable.Range(0, 8).Select(_ => TestCsv.RdrRow()).ToList();
        rows.Insert(3, TestCsv.RdrRow(vin: "NOT-A-VIN"));
        rows.Insert(6, TestCsv.RdrRow().Replace(",12,km,", ",twelve,km,", StringComparison.Ordinal).Replace(",2026,", ",20x6,", StringComparison.Ordinal));
        rows.Add(TestCsv.RdrRow(delivered: TestDocuments.Today.AddDays(5)));
        var file = TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, rows), bom: true);

        var first = await BatchClient.UploadAndWaitAsync(dealer.Http, "retail-delivery-report", file);

        Assert.Equal("Completed", first["status"]!.GetValue<string>());
        Assert.Equal((11, 3, 8, 0), (first["progress"]!["rows"]!.GetValue<int>(), first["progress"]!["rowsInvalid"]!.GetValue<int>(), first["progress"]!["accepted"]!.GetValue<int>(), first["progress"]!["replayed"]!.GetValue<int>()));
        Assert.True(first["file"]!["bom"]!.GetValue<bool>());
        Assert.Equal("comma", first["file"]!["delimiterName"]!.GetValue<string>());
        var errors = await dealer.Http.GetJsonAsync(first["links"]!["errors"]!.GetValue<string>());
        var items = errors["items"]!.AsArray().Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["code"]!.GetValue<string>())).ToList();
        Assert.Contains((5, "vin", "INVALID_VIN"), items);
        Assert.Contains((8, "odometer_value", "INVALID_TYPE"), items);
        Assert.Contains((8, "model_year", "INVALID_TYPE"), items);
        Assert.Contains((12, "delivery_date", "DELIVERY_DATE_IN_FUTURE"), items);
        Assert.Equal(1, errors["byColumn"]!["vin"]!["count"]!.GetValue<int>());
        var csv = await dealer.Http.GetStringAsync(first["links"]!["errorsCsv"]!.GetValue<string>());
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TestCsv.RdrHeader + ",error_row,error_line,error_columns,error_codes,error_messages", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith(rows[3] + ",5,5,vin,INVALID_VIN,", lines[1], StringComparison.Ordinal);

        var again = await BatchClient.UploadAndWaitAsync(dealer.Http, "retail-delivery-report", file);

        Assert.NotEqual(first["batchId"]!.GetValue<string>(), again["batchId"]!.GetValue<string>());
        Assert.Equal((8, 8, 3), (again["progress"]!["accepted"]!.GetValue<int>(), again["progress"]!["replayed"]!.GetValue<int>(), again["progress"]!["rowsInvalid"]!.GetValue<int>()));
        var firstResults = (await dealer.Http.GetJsonAsync(first["links"]!["results"]!.GetValue<string>()))["items"]!.AsArray().Select(r => r!["trackingId"]!.GetValue<string>());
        var againResults = (await dealer.Http.GetJsonAsync(again["links"]!["results"]!.GetValue<string>()))["items"]!.AsArray().Select(r => r!["trackingId"]!.GetValue<string>());
        Assert.Equal(firstResults, againResults);
        var listed = await dealer.Http.GetJsonAsync("/api/v1/retail-delivery-reports?pageSize=100");
        Assert.Equal(8, listed["items"]!.AsArray().Count);
    }

    /// <summary>
    /// The import commits a dealer's new documents many to a transaction: a file larger than one transaction that
    /// mixes new rows, rows of an earlier file (replays), a VIN another dealer retailed and a number used before with
    /// other content still gets one answer per row — and never a second document.
    /// </summary>
    [Fact]
    public async Task RdrFile_NewRowsMixedWithEarlierFilesRowsAVinRetailedElsewhereAndAReusedNumber_EachRowItsAnswer_NothingTwice()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var other = await DealerSession.StartAsync(Hub);
        var rows = Enumerable.Range(0, 60).Select(_ => TestCsv.RdrRow()).ToList();
        var numberUsedBefore = TestCsv.RdrRow();
        var earlier = await BatchClient.UploadAndWaitAsync(dealer.Http, "retail-delivery-report", TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, [.. rows.Take(20), numberUsedBefore])));
        Assert.Equal(21, earlier["progress"]!["accepted"]!.GetValue<int>());
        var retailedElsewhere = TestDocuments.NewVin();
        await other.RetailAsync(retailedElsewhere);
        rows[45] = TestCsv.RdrRow(vin: retailedElsewhere);
        rows[52] = TestCsv.RdrRow(number: numberUsedBefore.Split(',')[0]);

        var mixed = await BatchClient.UploadAndWaitAsync(dealer.Http, "retail-delivery-report", TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, rows)));

        var progress = mixed["progress"]!;
        Assert.Equal("Completed", mixed["status"]!.GetValue<string>());
        var errors = (await dealer.Http.GetJsonAsync(mixed["links"]!["errors"]!.GetValue<string>()))["items"]!.AsArray()
            .Select(e => (e!["row"]!.GetValue<int>(), e["column"]!.GetValue<string>(), e["code"]!.GetValue<string>())).ToList();
        Assert.Equal([(47, "vin", "VIN_ALREADY_RETAILED"), (54, "report_number", "DUPLICATE_DOCUMENT")], errors);
        Assert.Equal((58, 20, 2, 0), (progress["accepted"]!.GetValue<int>(), progress["replayed"]!.GetValue<int>(), progress["rejected"]!.GetValue<int>(), progress["rowsInvalid"]!.GetValue<int>()));
        var earlierIds = (await dealer.Http.GetJsonAsync(earlier["links"]!["results"]!.GetValue<string>()))["items"]!.AsArray().Select(r => r!["trackingId"]!.GetValue<string>()).ToList();
        var mixedResults = (await dealer.Http.GetJsonAsync(mixed["links"]!["results"]!.GetValue<string>()))["items"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Assert.Equal(earlierIds.Take(20), mixedResults.Take(20).Select(r => r["trackingId"]!.GetValue<string>()));
        var listed = await dealer.Http.GetJsonAsync("/api/v1/retail-delivery-reports?pageSize=100");
        var numbers = listed["items"]!.AsArray().Select(d => d!["documentNumber"]!.GetValue<string>()).ToList();
        Assert.Equal(59, numbers.Count);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(rows.Where((_, i) => i is not (45 or 52)).Append(numberUsedBefore).Select(r => r.Split(',')[0]).Order(), numbers.Order());
    }
}
