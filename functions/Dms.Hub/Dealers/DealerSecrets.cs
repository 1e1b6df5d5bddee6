using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Dealers;

/// <summary>Per-dealer shared secrets (webhook signing), derived from the master key so none is ever stored.</summary>
public sealed class DealerSecrets(IOptions<SecurityOptions> options)
{
    private readonly byte[] _master = Convert.FromBase64String(options.Value.MasterKey);

    public string WebhookSecret(Dealer dealer) => Derive($"webhook:{dealer.Code}:{dealer.SecretVersion}");

    private string Derive(string purpose) =>
        Convert.ToBase64String(HMACSHA256.HashData(_master, Encoding.UTF8.GetBytes(purpose)));
}
