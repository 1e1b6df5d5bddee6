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
        WriteRandom(random, chars[10..]);
        return new string(chars);
    }

    /// <summary>
    /// 80 random bits (big-endian) as 16 base32 characters, most significant first: two machine words instead of a
    /// BigInteger and its arrays per shift (one per notification and document; perf13).
    /// </summary>
    internal static void WriteRandom(ReadOnlySpan<byte> random, Span<char> chars)
    {
        ulong high = (ulong)random[0] << 8 | random[1];                                       // bits 79…64
        var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(random[2..10]); // bits 63…0
        for (var i = 15; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(low & 31)];
            low = (low >> 5) | (high << 59);
            high >>= 5;
        }
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
