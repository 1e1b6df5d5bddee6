using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Dms.Functions.Tests.Batches;

namespace Dms.Functions.Tests.Abuse;

/// <summary>
/// RELIABILITY.md D1 for the CSV channel: over a thousand generated malformed files. No answer is a 5xx; a refused
/// upload is a problem with a code and a row; an accepted one finishes, and every error it reports has a row and a code.
/// </summary>
public sealed class CsvAbuseTests(BatchFixture fixture) : IClassFixture<BatchFixture>
{
    private HubHost Hub => fixture.Hub;

    [Fact]
    public async Task OverAThousandMalformedFiles_NoneAnswers5xx_EveryErrorHasARowAndACode()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        var files = new MalformedCsvFiles(new Random(20261130)).Generate(1050).ToList();
        var failures = new ConcurrentBag<string>();
        var batches = new ConcurrentBag<(MalformedCsvFile File, string Id)>();
        var statuses = new ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(files, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (file, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/batches?documentType={file.DocumentType}") { Content = new ByteArrayContent(file.Content) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            using var response = await dealer.Http.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            var body = await response.ReadJsonAsync();
            if (status >= 500)
            {
                failures.Add($"{file} → {status}");
            }
            else if (status >= 400 && (response.Content.Headers.ContentType?.MediaType != "application/problem+json" || body["code"] is null
                     || body["errors"]?[0]?["row"] is null || body["errors"]?[0]?["code"] is null))
            {
                failures.Add($"{file} → {status} without code and row: {body.ToJsonString()}");
            }
            else if (status == 202)
            {
                batches.Add((file, body["batchId"]!.GetValue<string>()));
            }
        });

        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
        Assert.Subset(new HashSet<int> { 202, 400, 413, 415, 422 }, statuses.Keys.ToHashSet());
        Assert.True(batches.Count > 300, $"only {batches.Count} files reached processing");

        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var done = await BatchClient.FinishedAsync(dealer.Http, batch.Id, TimeSpan.FromMinutes(3));
            var errors = await dealer.Http.GetJsonAsync($"/api/v1/batches/{batch.Id}/errors?limit=1000");
            if (errors["items"]!.AsArray().Count != done["errors"]!["count"]!.GetValue<int>())
            {
                failures.Add($"{batch.File} counts {done["errors"]!["count"]} errors but lists {errors["items"]!.AsArray().Count}");
            }

            foreach (var error in errors["items"]!.AsArray().Select(e => e!.AsObject()))
            {
                if (error["row"]!.GetValue<int>() < 1 || error["code"]?.GetValue<string>() is not { Length: > 0 })
                {
                    failures.Add($"{batch.File}: error without row or code: {error.ToJsonString()}");
                }
            }

            using var csv = await dealer.Http.GetAsync($"/api/v1/batches/{batch.Id}/errors.csv", ct);
            if (csv.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{batch.File}: errors.csv answered {(int)csv.StatusCode}");
            }
        });

        Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(20)));
    }
}
