using System.Security.Claims;
using System.Threading.RateLimiting;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Everything a SOAP request passes: the endpoint and method, media type, a size cap, the hostile-XML guard,
/// WS-Security and the per-dealer rate limit; then the envelope is read and dispatched. Metadata (WSDL) is
/// answered here too.
/// </summary>
internal sealed class SoapGateway(
    XmlGuard guard,
    UsernameTokenValidator validator,
    MetadataEndpoint metadata,
    SoapDispatcher dispatcher,
    IOptions<RateLimiterOptions> limits,
    IOptions<SoapOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var callback = path.Equals(MetadataEndpoint.CallbackPath, StringComparison.OrdinalIgnoreCase);
        if (!callback && !path.Equals(MetadataEndpoint.ServicePath, StringComparison.OrdinalIgnoreCase))
        {
            await SoapFault.Client(404, "No SOAP endpoint here; the dealer service is DealerService.svc.").WriteAsync(context);
            return;
        }

        if (MetadataEndpoint.IsMetadataRequest(request))
        {
            await metadata.WriteAsync(context, callback);
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || callback)
        {
            await SoapFault.Client(405, "POST a SOAP 1.1 envelope to DealerService.svc; the callback contract is implemented by dealers.").WriteAsync(context);
            return;
        }

        if (await ReadAsync(context) is not { } read)
        {
            return;
        }

        var (document, body) = read;

        var (header, invalid) = SecurityHeaderReader.Read(document);
        var (dealer, fault) = header is null ? (null, invalid) : await validator.ValidateAsync(header, context.RequestAborted);
        if (dealer is null)
        {
            await (fault ?? SoapFault.FailedAuthentication).WriteAsync(context);
            return;
        }

        var correlationId = context.Response.Headers["X-Correlation-Id"].ToString();
        var caller = new SoapCaller(dealer, new(dealer.Code, "dealer", "soap", correlationId), new(body, "text/xml"), header!.TimestampCreated is not null);
        context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, dealer.Code), new Claim(ClaimTypes.Role, "Dealer")], "WS-Security"));

        // The same per-dealer bucket as REST (the global limiter partitions by the caller), answered as a SOAP fault.
        using var lease = limits.Value.GlobalLimiter is { } limiter ? await limiter.AcquireAsync(context, 1, context.RequestAborted) : null;
        if (lease is { IsAcquired: false })
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await SoapFault.Client(429, "Too many requests; retry later.").WriteAsync(context);
            return;
        }

        var (envelope, refused) = SoapEnvelope.Read(document);
        if (envelope is null)
        {
            await refused!.WriteAsync(context);
            return;
        }

        await dispatcher.InvokeAsync(context, envelope, caller);
    }

    /// <summary>The checked envelope and its bytes, or null once a refusal has been written.</summary>
    private async Task<(XDocument Document, byte[] Body)?> ReadAsync(HttpContext context)
    {
        if (!IsSoap11(context.Request.ContentType))
        {
            await SoapFault.Client(415, "Send SOAP 1.1: Content-Type text/xml; charset=utf-8.").WriteAsync(context);
            return null;
        }

        var body = await ReadCappedAsync(context.Request, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await SoapFault.Client(413, $"The envelope exceeds {options.Value.MaxBodyBytes} bytes.").WriteAsync(context);
            return null;
        }

        if (guard.Check(body) is { } rejected)
        {
            await rejected.WriteAsync(context);
            return null;
        }

        using var reader = XmlReader.Create(new MemoryStream(body), XmlGuard.SafeSettings(options.Value));
        return (XDocument.Load(reader, LoadOptions.PreserveWhitespace), body);
    }

    private static bool IsSoap11(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
