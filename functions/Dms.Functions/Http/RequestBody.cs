using Microsoft.Extensions.Options;
using Dms.Hub.Intake;

namespace Dms.Functions.Http;

/// <summary>Reads a JSON request body up to the configured limit: 413 beyond it, 415 for anything but JSON.</summary>
internal sealed class RequestBody(IOptions<IntakeOptions> options)
{
    public int Limit => options.Value.MaxDocumentBytes;

    public async Task<(ReadOnlyMemory<byte> Body, IResult? Problem)> ReadJsonAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!IsJson(request.ContentType))
        {
            return (default, Problems.Create(context, 415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send the body as application/json (UTF-8)."));
        }

        if (request.ContentLength > Limit)
        {
            return (default, TooLarge(context));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > Limit)
            {
                return (default, TooLarge(context));
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

    private IResult TooLarge(HttpContext context) =>
        Problems.Create(context, 413, "PAYLOAD_TOO_LARGE", "Payload too large", $"The body exceeds the limit of {Limit} bytes.");
}
