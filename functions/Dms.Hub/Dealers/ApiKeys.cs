using System.Security.Cryptography;
using System.Text;

namespace Dms.Hub.Dealers;

/// <summary>API key generation, lookup fingerprint and salted verification in constant time.</summary>
/// <remarks>
/// Keys carry 256 random bits, so a salted SHA-256 is the right cost (a slow KDF would only tax every request).
/// The fingerprint is a truncated hash used as the storage row key; it cannot verify a key on its own.
/// </remarks>
public static class ApiKeys
{
    public static string Generate(string prefix) =>
        $"{prefix}_{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";

    public static string Fingerprint(string key) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("dms-fp:" + key)).AsSpan(0, 12));

    public static Credential CreateCredential(string key, string principalId, PrincipalRole role, bool demo, DateTimeOffset now)
    {
        var salt = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        return new Credential(Fingerprint(key), principalId, role, salt, Hash(salt, key), demo, now);
    }

    public static bool Verify(Credential credential, string key)
    {
        var expected = Convert.FromBase64String(credential.Hash);
        var actual = Convert.FromBase64String(Hash(credential.Salt, key));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string Hash(string salt, string key) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(salt + ":" + key)));
}
