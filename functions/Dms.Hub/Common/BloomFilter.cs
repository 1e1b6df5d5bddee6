namespace Dms.Hub.Common;

/// <summary>
/// A fixed-size set of strings that may answer "maybe" for a string never added (about 1 % of the time at
/// <see cref="Capacity"/> strings) but never "no" for one that was: memory stays the same however many are added.
/// In-process only (the hash is the process's string hash).
/// </summary>
public sealed class BloomFilter
{
    private const int Hashes = 7;
    private readonly ulong[] _bits;
    private readonly uint _size;

    /// <param name="capacity">Strings it holds at about 1 % false "maybe" (10 bits each).</param>
    public BloomFilter(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _size = (uint)Math.Min((long)capacity * 10, int.MaxValue);
        _bits = new ulong[(_size + 63) / 64];
    }

    public int Capacity { get; }

    /// <summary>How many strings were added (a string added twice counts twice).</summary>
    public int Count { get; private set; }

    public bool IsFull => Count >= Capacity;

    public void Add(string value)
    {
        var (h1, h2) = Hash(value);
        for (uint i = 0; i < Hashes; i++)
        {
            var bit = (h1 + (i * h2)) % _size;
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        Count++;
    }

    public bool MayContain(string value)
    {
        var (h1, h2) = Hash(value);
        for (uint i = 0; i < Hashes; i++)
        {
            var bit = (h1 + (i * h2)) % _size;
            if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public void Clear()
    {
        Array.Clear(_bits);
        Count = 0;
    }

    // Two independent hashes (the runtime's and FNV-1a), combined as h1 + i·h2 (Kirsch–Mitzenmacher).
    private static (uint H1, uint H2) Hash(string value)
    {
        var fnv = 2166136261u;
        foreach (var c in value)
        {
            fnv = (fnv ^ c) * 16777619u;
        }

        return ((uint)StringComparer.Ordinal.GetHashCode(value), fnv | 1);
    }
}
