using System.Net;
using System.Text;

namespace Dms.Functions.Tests.Api;

/// <summary>Whatever a client sends, the answer is a machine-readable 4xx: never a 5xx, never internal text.</summary>
public sealed class MalformedInputTests(HubFixture fixture) : IClassFixture<HubFixture>
{
    private HubHost Hub => fixture.Hub;

    public static TheoryData<string, string, HttpStatusCode, string> Bodies() => new()
    {
        { "broken JSON", "{\"vin\": ", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { "empty body", "", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { "JSON null", "null", HttpStatusCode.BadRequest, "INVALID_TYPE" },
        { "array root", "[1,2,3]", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "number root", "42", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "wrong types", "{\"dealerClaimNumber\": 7, \"vin\": true, \"laborLines\": \"no\"}", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "missing fields", "{}", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "duplicate keys", "{\"vin\": \"A\", \"vin\": \"B\"}", HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { "deep nesting", new string('[', 200) + new string(']', 200), HttpStatusCode.BadRequest, "MALFORMED_JSON" },
        { "huge number", "{\"claimedTotal\": {\"amount\": 1e400, \"currency\": \"USD\"}}", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "huge string", "{\"dealerClaimNumber\": \"" + new string('x', 100_000) + "\"}", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
        { "control characters", "{\"dealerClaimNumber\": \"\\u0000\\u0001\"}", HttpStatusCode.UnprocessableEntity, "VALIDATION_FAILED" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task SubmitClaim_BadBody_ProblemWithCodeNo5xx(string name, string body, HttpStatusCode expected, string code)
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        using var response = await dealer.Http.PostRawAsync("/api/v1/warranty-claims", body);
        var problem = await response.ReadJsonAsync();

        Assert.True(expected == response.StatusCode, $"{name}: {(int)response.StatusCode} {problem.ToJsonString()[..Math.Min(300, problem.ToJsonString().Length)]}");
        Assert.Equal(code, problem["code"]!.GetValue<string>());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task SubmitClaim_InvalidUtf8_400()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var content = new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);
        content.Headers.ContentType = new("application/json");

        using var response = await dealer.Http.PostAsync("/api/v1/warranty-claims", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MALFORMED_JSON", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=latin1")]
    public async Task SubmitClaim_NotJson_415(string contentType)
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        using var response = await dealer.Http.PostRawAsync("/api/v1/warranty-claims", "{}", contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitClaim_BodyOverLimitDeclared_413()
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        using var response = await dealer.Http.PostRawAsync("/api/v1/warranty-claims", "{\"x\": \"" + new string('a', 300 * 1024) + "\"}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PAYLOAD_TOO_LARGE", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SubmitClaim_BodyOverLimitChunked_413()
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(new string(' ', 400 * 1024) + "{}")));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/warranty-claims") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await dealer.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SubmitClaim_ChunkedBodyOverManyReadBuffers_ReadWhole()
    {
        // A body without Content-Length is read into pooled buffers that grow (perf13): 40 KB of leading whitespace
        // and a wrong-typed field at the end must reach the validator whole (a byte lost or repeated → MALFORMED_JSON).
        using var dealer = await DealerSession.StartAsync(Hub);
        var body = new string(' ', 40 * 1024) + "{\"dealerClaimNumber\": 7, \"vin\": \"" + new string('V', 3000) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)), 1000);
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/warranty-claims") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await dealer.Http.SendAsync(request);
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("VALIDATION_FAILED", problem["code"]!.GetValue<string>());
        Assert.Contains("dealerClaimNumber", problem.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/api/v1/unknown-documents")]
    [InlineData("POST", "/api/v1/purchase-orders")]
    [InlineData("DELETE", "/api/v1/warranty-claims")]
    [InlineData("GET", "/api/v1/warranty-claims/not-a-tracking-id")]
    [InlineData("POST", "/api/v1/warranty-claims/D001-01K0000000000000000000000/explode")]
    public async Task UnknownRouteOrMethod_ProblemJson4xx(string method, string path)
    {
        using var dealer = await DealerSession.StartAsync(Hub);

        using var response = await dealer.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public async Task SubmitClaim_BadIdempotencyKey_400(string key)
    {
        using var dealer = await DealerSession.StartAsync(Hub);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/warranty-claims") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        using var response = await dealer.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_IDEMPOTENCY_KEY", (await response.ReadJsonAsync())["code"]!.GetValue<string>());
    }
}
