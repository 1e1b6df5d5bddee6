using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Dms.Functions.Tests.Batches;

/// <summary>What an upload is answered before processing: media types, sizes, headers, empty files, multipart, keys, tenancy.</summary>
public sealed class BatchUploadTests(BatchFixture fixture) : IClassFixture<BatchFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task Upload_NotUtf8Csv_415_AndHeaderMismatch_422NamingTheExpectedColumns_AndNoDataRows_422()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var valid = TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow()]));

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE"), await CodeAsync(dealer.Http, valid, "application/json"));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_ENCODING"), await CodeAsync(dealer.Http, valid, "text/csv; charset=iso-8859-1"));
        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "NOT_CSV"), await CodeAsync(dealer.Http, [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00], "text/csv"));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "NO_DATA_ROWS"), await CodeAsync(dealer.Http, TestCsv.Bytes(TestCsv.RdrHeader + "\r\n\r\n"), "text/csv"));
        var (status, body) = await BatchClient.UploadAsync(dealer.Http, "retail-delivery-report", TestCsv.Bytes("report_number;vin\r\nR1;V1\r\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("MISSING_COLUMNS", body["code"]!.GetValue<string>());
        Assert.Contains("delivery_date", body["expectedColumns"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(1, body["errors"]![0]!["row"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, (await BatchClient.UploadAsync(dealer.Http, "parts-order", valid)).Status);
        Assert.Empty((await dealer.Http.GetJsonAsync("/api/v1/batches"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Upload_OverTheLimit_413BeforeReadingItWhole_WithOrWithoutContentLength()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var rows = Enumerable.Range(0, 3000).Select(_ => TestCsv.RdrRow());
        var big = TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, rows));
        Assert.True(big.Length > BatchFixture.MaxFileBytes);

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE"), await CodeAsync(dealer.Http, big, "text/csv"));

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches?documentType=retail-delivery-report") { Content = new StreamContent(new MemoryStream(big)) };
        chunked.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
        chunked.Headers.TransferEncodingChunked = true;
        using var response = await dealer.Http.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty((await dealer.Http.GetJsonAsync("/api/v1/batches"))["items"]!.AsArray());
    }

    [Fact]
    public async Task Upload_MultipartFormWithSemicolonsAndTheSameIdempotencyKeyTwice_SameBatch_AnotherFileUnderTheKeyIsAConflict()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var text = TestCsv.File(TestCsv.RdrHeader.Replace(',', ';'), Enumerable.Range(0, 3).Select(_ => TestCsv.RdrRow().Replace(',', ';')));

        async Task<HttpResponseMessage> PostAsync(string csv, string key)
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/octet-stream");
            form.Add(file, "file", "november.csv");
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches?documentType=retail-delivery-report") { Content = form };
            request.Headers.Add("Idempotency-Key", key);
            return await dealer.Http.SendAsync(request);
        }

        var key = Guid.NewGuid().ToString("N");
        using var first = await PostAsync(text, key);
        var created = await first.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(("november.csv", "semicolon"), (created["file"]!["name"]!.GetValue<string>(), created["file"]!["delimiterName"]!.GetValue<string>()));
        using var again = await PostAsync(text, key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(created["batchId"]!.GetValue<string>(), (await again.ReadJsonAsync())["batchId"]!.GetValue<string>());
        using var other = await PostAsync(text + TestCsv.RdrRow().Replace(',', ';') + "\r\n", key);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        var done = await BatchClient.FinishedAsync(dealer.Http, created["batchId"]!.GetValue<string>());
        Assert.Equal(3, done["progress"]!["accepted"]!.GetValue<int>());
    }

    [Fact]
    public async Task BatchRoutes_AnotherDealersBatch_AnswerAsAMissingOne_AndHqSeesItOnlyInScope()
    {
        using var owner = await DealerSession.StartAsync(Hub, region: "North");
        using var intruder = await DealerSession.StartAsync(Hub, region: "North");
        var batch = await BatchClient.UploadAndWaitAsync(owner.Http, "retail-delivery-report", TestCsv.Bytes(TestCsv.File(TestCsv.RdrHeader, [TestCsv.RdrRow(), TestCsv.RdrRow(vin: "NOT-A-VIN", buyer: "Secret Person")])));
        var id = batch["batchId"]!.GetValue<string>();
        var missing = owner.Dealer.Code + "-01K00000000000000000000000";

        foreach (var suffix in new[] { "", "/errors", "/errors.csv", "/results" })
        {
            using var stolen = await intruder.Http.GetAsync($"/api/v1/batches/{id}{suffix}");
            using var absent = await intruder.Http.GetAsync($"/api/v1/batches/{missing}{suffix}");
            Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
            Assert.Equal(absent.StatusCode, stolen.StatusCode);
        }

        using var north = Hub.Client(await Hub.CreateHqUserAsync("North"));
        using var south = Hub.Client(await Hub.CreateHqUserAsync("South"));
        Assert.Contains((await north.GetJsonAsync($"/api/v1/hq/dealers/{owner.Dealer.Code}/batches"))["items"]!.AsArray(), b => b!["batchId"]!.GetValue<string>() == id);
        Assert.Equal(1, (await north.GetJsonAsync($"/api/v1/hq/batches/{id}/errors"))["total"]!.GetValue<int>());
        var hqCsv = await north.GetStringAsync($"/api/v1/hq/batches/{id}/errors.csv");
        Assert.Contains("INVALID_VIN", hqCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret Person", hqCsv, StringComparison.Ordinal); // personal data masked for HQ (E9)
        Assert.Contains(",***,", hqCsv, StringComparison.Ordinal);
        Assert.Contains("Secret Person", await owner.Http.GetStringAsync($"/api/v1/batches/{id}/errors.csv"), StringComparison.Ordinal);
        foreach (var path in new[] { $"/api/v1/hq/dealers/{owner.Dealer.Code}/batches", $"/api/v1/hq/batches/{id}", $"/api/v1/hq/batches/{id}/errors", $"/api/v1/hq/batches/{id}/errors.csv" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await south.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Layouts_EveryUploadableType_HasADocumentedLayoutAndATemplateThatIsAccepted()
    {
        using var anonymous = Hub.Client();
        using var dealer = await DealerSession.StartAsync(Hub);
        var items = (await anonymous.GetJsonAsync("/api/v1/batches/layouts"))["items"]!.AsArray();
        Assert.Equal(["daily-sales-summary", "monthly-financial-statement", "monthly-stock-report", "parts-inventory", "retail-delivery-report"], items.Select(i => i!["documentType"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        foreach (var type in items.Select(i => i!["documentType"]!.GetValue<string>()))
        {
            var layout = await anonymous.GetJsonAsync($"/api/v1/batches/layouts/{type}");
            Assert.NotEmpty(layout["columns"]!.AsArray());
            var template = await anonymous.GetByteArrayAsync($"/api/v1/batches/layouts/{type}/template");
            var (status, body) = await BatchClient.UploadAsync(dealer.Http, type, template);
            Assert.True(status == HttpStatusCode.Accepted, type + ": " + body.ToJsonString());
        }
    }

    private static async Task<(HttpStatusCode, string)> CodeAsync(HttpClient http, byte[] file, string contentType)
    {
        var (status, body) = await BatchClient.UploadAsync(http, "retail-delivery-report", file, contentType);
        return (status, body["code"]?.GetValue<string>() ?? "(none)");
    }
}
