using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Dms.Functions.Tests.Batches;

/// <summary>A dealer's side of the batch channel: upload a file, wait for its batch to finish.</summary>
internal static class BatchClient
{
    public static async Task<(HttpStatusCode Status, JsonObject Body)> UploadAsync(HttpClient http, string documentType, byte[] file, string contentType = "text/csv", string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/batches?documentType={documentType}") { Content = new ByteArrayContent(file) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.ReadJsonAsync());
    }

    public static Task<JsonObject> FinishedAsync(HttpClient http, string batchId, TimeSpan? timeout = null) =>
        Eventually.GetAsync(() => http.GetJsonAsync("/api/v1/batches/" + batchId),
            b => b["status"]?.GetValue<string>() is "Completed" or "Rejected" or "Failed", timeout ?? TimeSpan.FromSeconds(60), "batch finished");

    public static async Task<JsonObject> UploadAndWaitAsync(HttpClient http, string documentType, byte[] file)
    {
        var (status, body) = await UploadAsync(http, documentType, file);
        Assert.True(status == HttpStatusCode.Accepted, body.ToJsonString());
        return await FinishedAsync(http, body["batchId"]!.GetValue<string>());
    }
}
