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

    public static void Write(TableEntity entity, string name, DocumentFacts? facts)
    {
        if (facts is not null)
        {
            BrotliChunks.Write(entity, name, JsonSerializer.SerializeToUtf8Bytes(facts, HubJson.Options), Compressed);
        }
    }

    /// <summary>The properties <see cref="Write"/> may fill (a $select that reads the facts and nothing else).</summary>
    public static IEnumerable<string> Columns(string name) => BrotliChunks.Columns(name, Compressed);

    public static DocumentFacts? Read(TableEntity entity, string name) =>
        BrotliChunks.Read(entity, name, Compressed) is { } json ? JsonSerializer.Deserialize<DocumentFacts>(json, HubJson.Options) : null;
}
