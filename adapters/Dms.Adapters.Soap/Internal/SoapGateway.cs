using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Internal;

/// <summary>
/// Everything a SOAP request passes before SoapCore: method and media type, a size cap, the hostile-XML guard and
/// WS-Security. The checked body is handed on in memory, so SoapCore never reads the network itself.
/// </summary>
internal sealed class SoapGateway(
    XmlGuard guard,
    SecurityHeaderReader headers,
    UsernameTokenValidator validator,
    IOptions<RateLimiterOptions> limits,
    IOptions<SoapOptions> options)
{
    public const string CallbackPath = "/DealerCallback.svc";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && request.Query.ContainsKey("wsdl"))
        {
            await next(context);
            return;
        }

        if (!HttpMethods.IsPost(request.Method) || request.Path.Value?.EndsWith(CallbackPath, StringComparison.OrdinalIgnoreCase) == true)
        {
            await SoapFault.Client(405, "POST a SOAP 1.1 envelope to DealerService.svc; the callback contract is implemented by dealers.").WriteAsync(context);
            return;
        }

        if (!IsSoap11(request.ContentType))
        {
            await SoapFault.Client(415, "Send SOAP 1.1: Content-Type text/xml; charset=utf-8.").WriteAsync(context);
            return;
        }

        var body = await ReadCappedAsync(request, options.Value.MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            await SoapFault.Client(413, $"The envelope exceeds {options.Value.MaxBodyBytes} bytes.").WriteAsync(context);
            return;
        }

        if (guard.Check(body) is { } rejected)
        {
            await rejected.WriteAsync(context);
            return;
        }

        var (header, invalid) = headers.Read(body);
        var (dealer, fault) = header is null ? (null, invalid) : await validator.ValidateAsync(header, context.RequestAborted);
        if (dealer is null)
        {
            await (fault ?? SoapFault.FailedAuthentication).WriteAsync(context);
            return;
        }

        var correlationId = context.Response.Headers["X-Correlation-Id"].ToString();
        new SoapCaller(dealer, new(dealer.Code, "dealer", "soap", correlationId), new(body, "text/xml"), header!.TimestampCreated is not null).Attach(context);
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

        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        await next(context);
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
