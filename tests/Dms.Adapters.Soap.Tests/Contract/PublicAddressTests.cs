using System.Net;
using Dms.Adapters.Soap.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Dms.Adapters.Soap.Tests.Contract;

/// <summary>The WSDL's address: a configured public URL wins; forwarded headers count only from trusted proxies; no foreign host is echoed.</summary>
public sealed class PublicAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", "localhost:8080", null, null, "http://localhost:8080/soap/DealerService.svc")]
    [InlineData("10.0.0.5", "evil.example", null, null, null)]
    [InlineData("10.0.0.5", "localhost", "https", "evil.example", "http://localhost/soap/DealerService.svc")]
    [InlineData("10.1.2.3", "internal:8080", "https", "dms.example.com", "https://dms.example.com/soap/DealerService.svc")]
    [InlineData("10.1.2.3", "internal:8080", "https", "evil.example", null)]
    [InlineData("10.1.2.3", "internal:8080", "https, http", "dms.example.com:8443, other", "https://dms.example.com:8443/soap/DealerService.svc")]
    [InlineData("10.1.2.3", "internal:8080", "javascript", "dms.example.com", null)]
    [InlineData("10.1.2.3", "internal:8080", "https", "dms.example.com/evil?x", null)]
    [InlineData("10.0.0.5", "dms.example.com", null, null, "http://dms.example.com/soap/DealerService.svc")]
    public void ServiceUrl_FromTheRequest_OnlyTrustedForwardingAndAllowedHosts(string peer, string host, string? proto, string? forwardedHost, string? expected)
    {
        var address = new PublicAddress(Options.Create(new SoapOptions { TrustedProxies = ["10.1.0.0/16"], AllowedHosts = ["dms.example.com"] }));

        Assert.Equal(expected, address.ServiceUrl(Context(peer, host, proto, forwardedHost), "/DealerService.svc"));
    }

    [Fact]
    public void ServiceUrl_PublicBaseUrlConfigured_UsedWhateverTheRequestSays()
    {
        var address = new PublicAddress(Options.Create(new SoapOptions { PublicBaseUrl = "https://dms.example.com/", TrustedProxies = ["10.1.0.0/16"] }));

        Assert.Equal("https://dms.example.com/soap/DealerService.svc", address.ServiceUrl(Context("10.1.2.3", "evil.example", "http", "evil.example"), "/DealerService.svc"));
    }

    private static DefaultHttpContext Context(string peer, string host, string? proto, string? forwardedHost)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Request.PathBase = "/soap";
        if (proto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = proto;
        }

        if (forwardedHost is not null)
        {
            context.Request.Headers["X-Forwarded-Host"] = forwardedHost;
        }

        return context;
    }
}
