using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dms.Testing;

/// <summary>A throw-away self-signed TLS certificate for localhost, made at test time (nothing installed, nothing trusted).</summary>
public static class TestCertificates
{
    public static X509Certificate2 Localhost()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
