using System.Buffers;
using System.IO.Compression;
using Azure.Data.Tables;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// A JSON value or payload Brotli-compressed into chunked binary properties <c>{name}{suffix}…</c>, its length in
/// <c>{name}{suffix}Length</c>. On Azurite every binary property is held as base64 text in Node's heap — a document's
/// body and state were ≈ 4 KB a document there, the largest per-document cost (tests/Dms.Bench/results/con6). Quality 1
/// and the span APIs (no stream per value): decoding costs microseconds, so listings and exports that read a thousand
/// rows do not slow down. Values written uncompressed (<c>{name}…</c>, <see cref="BinaryChunks"/>) are still read.
/// </summary>
internal static class BrotliChunks
{
    public const string Suffix = "Z";
    private const int Quality = 1;
    private const int Window = 22;

    public static void Write(TableEntity entity, string name, ReadOnlySpan<byte> value, string suffix = Suffix)
    {
        // The bound is larger than the value; the chunks copy out only what was written, so the pooled buffer (its
        // earlier contents included) never reaches an entity and goes back at once (perf13: 0.6 % of allocated bytes).
        var compressed = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(value.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(value, compressed, out var written, Quality, Window))
            {
                throw new InvalidOperationException("Brotli could not compress a value into its own bound.");
            }

            BinaryChunks.Write(entity, name + suffix, compressed.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
        }

        entity[name + suffix + "Length"] = value.Length;
    }

    /// <summary>The properties <see cref="Write"/> may fill under <paramref name="name"/>: the length and every chunk an entity can hold.</summary>
    public static IEnumerable<string> Columns(string name, string suffix = Suffix) => [name + suffix + "Length", .. BinaryChunks.Columns(name + suffix)];

    /// <summary>The value as written: decompressed, or as it was stored uncompressed; null when neither is there.</summary>
    public static byte[]? Read(TableEntity entity, string name, string suffix = Suffix)
    {
        if (entity.GetInt32(name + suffix + "Length") is { } length)
        {
            var value = new byte[length];
            if (!BrotliDecoder.TryDecompress(BinaryChunks.Read(entity, name + suffix), value, out var written) || written != length)
            {
                throw new InvalidDataException($"Stored {name} does not decompress to its recorded length.");
            }

            return value;
        }

        return entity.GetInt32(name + "Chunks") is > 0 ? BinaryChunks.Read(entity, name) : null;
    }
}
