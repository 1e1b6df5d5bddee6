using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dms.DealerSimulator;

/// <summary>A modern dealer system: JSON over REST with an API key and an Idempotency-Key per document.</summary>
public sealed class RestChannel(HttpClient hub, string apiKey) : IDealerChannel
{
    public string Name => "rest";

    public PreparedDocument Prepare(MixEntry type, string vin, bool invalid)
    {
        var body = type.Rest(vin);
        if (invalid)
        {
            type.Invalidate?.Invoke(body);
        }

        return new PreparedDocument(type.DocumentType, Guid.NewGuid().ToString("N"), invalid, body.ToJsonString());
    }

    public async Task<Answer> SubmitAsync(PreparedDocument document, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/" + Mix.Route(document.DocumentType))
        {
            Content = new StringContent((string)document.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        request.Headers.Add("Idempotency-Key", document.IdempotencyKey);
        try
        {
            using var response = await hub.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return status switch
            {
                200 or 201 or 202 => new Answer(AnswerKind.Accepted, Json(body)?["trackingId"]?.GetValue<string>(), response.Headers.Contains("Idempotent-Replayed")),
                400 or 409 or 422 => new Answer(AnswerKind.Refused, ErrorKind: Json(body)?["code"]?.GetValue<string>() ?? "http-" + status),
                429 or 503 => new Answer(AnswerKind.Failed, ErrorKind: "http-" + status, Retryable: true, RetryAfter: response.Headers.RetryAfter?.Delta),
                >= 500 => new Answer(AnswerKind.Failed, ErrorKind: "http-" + status, Retryable: true),
                _ => new Answer(AnswerKind.Failed, ErrorKind: "http-" + status),
            };
        }
        catch (HttpRequestException)
        {
            return new Answer(AnswerKind.Failed, ErrorKind: "connection", Retryable: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(AnswerKind.Failed, ErrorKind: "timeout", Retryable: true);
        }
    }

    private static JsonObject? Json(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
