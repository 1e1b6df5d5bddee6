using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Document facts as Brotli-compressed UTF-8 JSON in (chunked) binary properties <c>{name}B…</c> with the JSON's length
/// in <c>{name}BLength</c>: a listing row holds one per document, and the JSON (keys, contributions, open entries)
/// shrinks to about a seventh — the read model's largest per-document cost after the document itself. Quality 1 and
/// the span APIs (no stream per row): an export reads a thousand rows a page, so decoding must cost microseconds (a
/// DeflateStream per row cost ≈ 0.1 ms). Rows written uncompressed (<c>{name}…</c>) are still read.
/// </summary>
internal static class FactsJson
{
    private const string Compressed = "B";
    private const int Quality = 1;
    private const int Window = 22;

    public static void Write(TableEntity entity, string name, DocumentFacts? facts)
    {
        if (facts is null)
        {
            return;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(facts, HubJson.Options);
        var compressed = new byte[BrotliEncoder.GetMaxCompressedLength(json.Length)];
        if (!BrotliEncoder.TryCompress(json, compressed, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress the facts into its own bound.");
        }

        BinaryChunks.Write(entity, name + Compressed, compressed.AsSpan(0, written));
        entity[name + Compressed + "Length"] = json.Length;
    }

    public static DocumentFacts? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + Compressed + "Length") is { } length)
        {
            var json = new byte[length];
            if (!BrotliDecoder.TryDecompress(BinaryChunks.Read(entity, name + Compressed), json, out var written) || written != length)
            {
                throw new InvalidDataException("Stored facts do not decompress to their recorded length.");
            }

            return JsonSerializer.Deserialize<DocumentFacts>(json, HubJson.Options);
        }

        return entity.GetInt32(name + "Chunks") is > 0 ? JsonSerializer.Deserialize<DocumentFacts>(BinaryChunks.Read(entity, name), HubJson.Options) : null;
    }
}
