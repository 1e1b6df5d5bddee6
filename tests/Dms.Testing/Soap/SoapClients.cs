using System.Security.Cryptography.X509Certificates;
using System.ServiceModel;
using System.ServiceModel.Security;
using Dms.Testing.Soap.Contract;

namespace Dms.Testing.Soap;

/// <summary>Real WCF clients of the dealer service, as legacy .NET dealers build them.</summary>
public static class SoapClients
{
    /// <summary>WCF's own WS-Security: BasicHttpsBinding with TransportWithMessageCredential sends PasswordText + Timestamp.</summary>
    public static ChannelFactory<IDealerService> PasswordText(string url, string username, string password)
    {
        var binding = new BasicHttpsBinding(BasicHttpsSecurityMode.TransportWithMessageCredential);
        binding.Security.Message.ClientCredentialType = BasicHttpMessageCredentialType.UserName;
        var factory = new ChannelFactory<IDealerService>(binding, new EndpointAddress(url));
        factory.Credentials.UserName.UserName = username;
        factory.Credentials.UserName.Password = password;
        factory.Credentials.ServiceCertificate.SslCertificateAuthentication = new X509ServiceCertificateAuthentication
        {
            CertificateValidationMode = X509CertificateValidationMode.None,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        return factory;
    }

    /// <summary>Plain BasicHttpBinding with a PasswordDigest header added by an inspector (nonce and Created controllable).</summary>
    public static (ChannelFactory<IDealerService> Factory, DigestTokenBehavior Token) PasswordDigest(string url, string username, string password)
    {
        var factory = new ChannelFactory<IDealerService>(new BasicHttpBinding(), new EndpointAddress(url));
        var token = new DigestTokenBehavior(username, password);
        factory.Endpoint.EndpointBehaviors.Add(token);
        return (factory, token);
    }
}
