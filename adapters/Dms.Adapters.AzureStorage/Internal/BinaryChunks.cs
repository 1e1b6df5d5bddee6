using Azure.Data.Tables;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Large values split over numbered binary properties: a table property holds at most 64 KiB, an entity 1 MiB.</summary>
internal static class BinaryChunks
{
    private const int ChunkSize = 64 * 1000;

    public static void Write(TableEntity entity, string name, ReadOnlySpan<byte> value)
    {
        var count = Math.Max(1, (value.Length + ChunkSize - 1) / ChunkSize);
        entity[name + "Chunks"] = count;
        for (var i = 0; i < count; i++)
        {
            var start = i * ChunkSize;
            entity[name + i] = value.Slice(start, Math.Min(ChunkSize, value.Length - start)).ToArray();
        }
    }

    /// <summary>The properties <see cref="Write"/> may fill: the count and as many chunks as an entity (1 MiB) can hold.</summary>
    public static IEnumerable<string> Columns(string name) => [name + "Chunks", .. Enumerable.Range(0, MaxEntityBytes / ChunkSize + 1).Select(i => name + i)];

    private const int MaxEntityBytes = 1024 * 1024;

    public static byte[] Read(TableEntity entity, string name)
    {
        var count = entity.GetInt32(name + "Chunks") ?? 0;
        var parts = Enumerable.Range(0, count).Select(i => entity.GetBinary(name + i) ?? []).ToList();
        var result = new byte[parts.Sum(p => p.Length)];
        var offset = 0;
        foreach (var part in parts)
        {
            part.CopyTo(result, offset);
            offset += part.Length;
        }

        return result;
    }
}
