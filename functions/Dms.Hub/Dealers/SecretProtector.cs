using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Dms.Hub.Dealers;

/// <summary>AES-GCM sealing under a key derived from the master key, for the few secrets the hub must be able to read back.</summary>
public sealed class SecretProtector(IOptions<SecurityOptions> options)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(options.Value.MasterKey), 32, info: "dms-secret-protection"u8.ToArray());

    public string Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret, or null when the value was not sealed under this master key.</summary>
    public string? Unprotect(string protectedSecret)
    {
        try
        {
            var sealedBytes = Convert.FromBase64String(protectedSecret);
            var length = sealedBytes.Length - NonceSize - TagSize;
            var plain = new byte[length];
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or ArgumentException or OverflowException)
        {
            return null;
        }
    }
}
