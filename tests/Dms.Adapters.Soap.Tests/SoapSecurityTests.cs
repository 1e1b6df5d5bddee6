using System.Net;
using System.ServiceModel;
using System.ServiceModel.Security;
using System.Text;
using Dms.Testing.Soap;

namespace Dms.Adapters.Soap.Tests;

/// <summary>WS-Security UsernameToken: right and wrong passwords, digests, replayed nonces, stale and future timestamps.</summary>
public sealed class SoapSecurityTests(SoapHubFixture fixture) : IClassFixture<SoapHubFixture>
{
    [Fact]
    public async Task PasswordText_WrongPassword_FailedAuthenticationFault()
    {
        var dealer = await fixture.CreateDealerAsync();
        var service = SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret + "x").CreateChannel();

        var fault = await AssertSecurityFaultAsync(() => service.GetDocumentStatusAsync("x"));

        Assert.Equal(("FailedAuthentication", "The security token could not be authenticated or authorized."), fault);
    }

    [Fact]
    public async Task PasswordText_UnknownDealerOrAnotherDealersSecret_SameFault()
    {
        var dealer = await fixture.CreateDealerAsync();
        var other = await fixture.CreateDealerAsync();

        var unknown = await AssertSecurityFaultAsync(() => SoapClients.PasswordText(fixture.SecureSoapUrl, "NOSUCH9", dealer.SoapSecret).CreateChannel().GetDocumentStatusAsync("x"));
        var swapped = await AssertSecurityFaultAsync(() => SoapClients.PasswordText(fixture.SecureSoapUrl, other.Code, dealer.SoapSecret).CreateChannel().GetDocumentStatusAsync("x"));

        Assert.Equal(unknown, swapped);
    }

    [Fact]
    public async Task NoSecurityHeader_InvalidSecurityFault()
    {
        var service = new ChannelFactory<Dms.Testing.Soap.Contract.IDealerService>(new BasicHttpBinding(), new EndpointAddress(fixture.SoapUrl)).CreateChannel();

        var fault = await AssertSecurityFaultAsync(() => service.GetDocumentStatusAsync("x"));

        Assert.Equal("InvalidSecurity", fault.Code);
    }

    [Fact]
    public async Task PasswordDigest_FreshNonce_Accepted_ReplayedNonce_Refused()
    {
        var dealer = await fixture.CreateDealerAsync();
        var (factory, token) = SoapClients.PasswordDigest(fixture.SoapUrl, dealer.Code, dealer.SoapSecret);
        var service = factory.CreateChannel();

        var first = await service.GetDocumentStatusAsync("D1-x");
        token.FixedNonce = Encoding.UTF8.GetBytes("nonce-" + Guid.NewGuid());
        token.FixedCreated = DateTimeOffset.UtcNow;
        var once = await service.GetDocumentStatusAsync("D1-x");
        var replay = await AssertSecurityFaultAsync(() => service.GetDocumentStatusAsync("D1-x"));

        Assert.Equal("NotFound", first.Outcome);
        Assert.Equal("NotFound", once.Outcome);
        Assert.Equal("FailedAuthentication", replay.Code);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task PasswordDigest_CreatedOutsideFiveMinutes_MessageExpired(int minutes)
    {
        var dealer = await fixture.CreateDealerAsync();
        var (factory, token) = SoapClients.PasswordDigest(fixture.SoapUrl, dealer.Code, dealer.SoapSecret);
        token.FixedCreated = DateTimeOffset.UtcNow.AddMinutes(minutes);

        var fault = await AssertSecurityFaultAsync(() => factory.CreateChannel().GetDocumentStatusAsync("x"));

        Assert.Equal("MessageExpired", fault.Code);
    }

    [Fact]
    public async Task PasswordDigest_WrongSecret_FailedAuthentication()
    {
        var dealer = await fixture.CreateDealerAsync();
        var (factory, _) = SoapClients.PasswordDigest(fixture.SoapUrl, dealer.Code, "not-the-secret");

        var fault = await AssertSecurityFaultAsync(() => factory.CreateChannel().GetDocumentStatusAsync("x"));

        Assert.Equal("FailedAuthentication", fault.Code);
    }

    [Fact]
    public async Task RotatedSoapSecret_OldOneRefused()
    {
        var dealer = await fixture.CreateDealerAsync();
        using var admin = fixture.Hub.Client(HubSettings.AdminKey);
        using var rotated = await admin.PostAsync($"/api/v1/admin/dealers/{dealer.Code}/soap-secret", null);
        var secret = (await rotated.ReadJsonAsync())["soapSecret"]!.GetValue<string>();

        await AssertSecurityFaultAsync(() => SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, dealer.SoapSecret).CreateChannel().GetDocumentStatusAsync("x"));
        var fresh = await SoapClients.PasswordText(fixture.SecureSoapUrl, dealer.Code, secret).CreateChannel().GetDocumentStatusAsync("x");

        Assert.Equal("NotFound", fresh.Outcome);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
    }

    // WCF surfaces the same fault three ways: a TransportWithMessageCredential client wraps it in a
    // MessageSecurityException, and wsse:FailedAuthentication becomes SecurityAccessDeniedException.
    private static async Task<(string Code, string Message)> AssertSecurityFaultAsync(Func<Task> call)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(call);
        return Unwrap(error);
    }

    private static (string Code, string Message) Unwrap(Exception error) => error switch
    {
        FaultException fault => (fault.Code.Name, fault.Message),
        SecurityAccessDeniedException denied => ("FailedAuthentication", denied.Message),
        MessageSecurityException { InnerException: { } inner } => Unwrap(inner),
        _ => throw new Xunit.Sdk.XunitException("Expected a SOAP fault, got " + error),
    };
}
