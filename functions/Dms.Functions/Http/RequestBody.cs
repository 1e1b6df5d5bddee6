using Microsoft.Extensions.Options;
using Dms.Hub.Intake;

namespace Dms.Functions.Http;

/// <summary>Reads a JSON request body up to the configured limit: 413 beyond it, 415 for anything but JSON.</summary>
internal sealed class RequestBody(IOptions<IntakeOptions> options)
{
    public int Limit => options.Value.MaxDocumentBytes;

    /// <param name="limit">A larger limit than documents have (a stock snapshot); Kestrel's own limit is raised for this request.</param>
    public async Task<(ReadOnlyMemory<byte> Body, IResult? Problem)> ReadJsonAsync(HttpContext context, CancellationToken cancellationToken, int? limit = null)
    {
        var request = context.Request;
        var max = limit ?? Limit;
        if (limit is not null && context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }

        if (!IsJson(request.ContentType))
        {
            return (default, Problems.Create(context, 415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send the body as application/json (UTF-8)."));
        }

        if (request.ContentLength > max)
        {
            return (default, TooLarge(context, max));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return (default, TooLarge(context, max));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }

    private static bool IsJson(string? contentType)
    {
        if (contentType is null || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var charsetOk = !media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
        return charsetOk && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false));
    }

    private static IResult TooLarge(HttpContext context, int limit) =>
        Problems.Create(context, 413, "PAYLOAD_TOO_LARGE", "Payload too large", $"The body exceeds the limit of {limit} bytes.");
}
