using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>
/// Document facts as deflated UTF-8 JSON in (chunked) binary properties <c>{name}Z…</c>: a listing row holds one per
/// document, and the JSON (keys, contributions, open entries) shrinks to about a third — the read model's largest
/// per-document cost after the document itself. Rows written before compression (<c>{name}…</c>) are still read.
/// </summary>
internal static class FactsJson
{
    private const string Compressed = "Z";

    public static void Write(TableEntity entity, string name, DocumentFacts? facts)
    {
        if (facts is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(deflate, facts, HubJson.Options);
        }

        BinaryChunks.Write(entity, name + Compressed, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    public static DocumentFacts? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + Compressed + "Chunks") is > 0)
        {
            using var deflate = new DeflateStream(new MemoryStream(BinaryChunks.Read(entity, name + Compressed)), CompressionMode.Decompress);
            return JsonSerializer.Deserialize<DocumentFacts>(deflate, HubJson.Options);
        }

        return entity.GetInt32(name + "Chunks") is > 0 ? JsonSerializer.Deserialize<DocumentFacts>(BinaryChunks.Read(entity, name), HubJson.Options) : null;
    }
}
