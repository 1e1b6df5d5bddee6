using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Dms.Testing;

public static class HttpExtensions
{
    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? [] : JsonNode.Parse(text)!.AsObject();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, JsonNode body, string? idempotencyKey = null) =>
        client.PostRawAsync(path, body.ToJsonString(), idempotencyKey);

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body, string? idempotencyKey = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonObject> GetJsonAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return await response.ReadJsonAsync();
    }

    public static Task<HttpResponseMessage> PostAsJsonAsync(this HttpClient client, string path, JsonObject body) =>
        client.PostAsync(path, JsonContent.Create(body));
}
