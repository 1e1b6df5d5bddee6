using System.Security.Cryptography;

namespace Dms.Hub.Common;

/// <summary>Time-ordered identifiers (ULID layout: 48-bit milliseconds + 80 random bits, Crockford base32).</summary>
/// <remarks>Lexical order follows creation time, which keeps table row keys in submission order.</remarks>
public static class Ids
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string NewUlid(DateTimeOffset now)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[26];
        WriteTime(now, chars[..10]);
        var bits = new System.Numerics.BigInteger(random, isUnsigned: true, isBigEndian: true);
        for (var i = 25; i >= 10; i--)
        {
            chars[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }

        return new string(chars);
    }

    /// <summary>The smallest ULID prefix at <paramref name="time"/>: a range bound for time-ordered keys.</summary>
    public static string TimePrefix(DateTimeOffset time)
    {
        Span<char> chars = stackalloc char[10];
        WriteTime(time, chars);
        return new string(chars);
    }

    /// <summary>The creation time a ULID carries (millisecond precision).</summary>
    public static DateTimeOffset TimeOf(string ulid)
    {
        long ms = 0;
        for (var i = 0; i < 10; i++)
        {
            ms = (ms << 5) | (uint)Alphabet.IndexOf(ulid[i], StringComparison.Ordinal);
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    public static bool IsUlid(string? value) =>
        value is { Length: 26 } && value.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    private static void WriteTime(DateTimeOffset time, Span<char> chars)
    {
        var ms = Math.Clamp(time.ToUnixTimeMilliseconds(), 0, (1L << 48) - 1);
        for (var i = 9; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(ms & 31)];
            ms >>= 5;
        }
    }
}
