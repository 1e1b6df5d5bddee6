using System.Text.Json;
using Azure.Data.Tables;
using Dms.Hub.Common;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Document facts as (chunked) UTF-8 JSON in a table property.</summary>
internal static class FactsJson
{
    public static void Write(TableEntity entity, string name, DocumentFacts? facts)
    {
        if (facts is not null)
        {
            BinaryChunks.Write(entity, name, JsonSerializer.SerializeToUtf8Bytes(facts, HubJson.Options));
        }
    }

    public static DocumentFacts? Read(TableEntity entity, string name) =>
        entity.GetInt32(name + "Chunks") is > 0 ? JsonSerializer.Deserialize<DocumentFacts>(BinaryChunks.Read(entity, name), HubJson.Options) : null;
}
