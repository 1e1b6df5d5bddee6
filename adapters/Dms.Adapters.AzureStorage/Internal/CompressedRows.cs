using System.IO.Compression;
using System.Text.Json;
using Azure.Data.Tables;
using Dms.Hub.Common;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>
/// A large value (a dealer's whole stock, a suggestion) as gzipped JSON over consecutive rows
/// <c>{prefix}|0000</c>, <c>{prefix}|0001</c> … of one partition: an entity holds at most 1 MiB and a property 64 KiB
/// (STACK.md), so each row carries up to <see cref="RowBytes"/> bytes in chunked properties. The limits are measured on
/// the wire, where binary travels as base64 (4/3 larger): 600 kB per row, four rows per 4 MiB batch.
/// </summary>
internal static class CompressedRows
{
    private const int RowBytes = 600 * 1000;

    /// <summary>Rows in a batch: a batch carries at most 4 MiB.</summary>
    private const int RowsPerBatch = 4;

    public static async Task WriteAsync<T>(TableClient table, string partition, string prefix, T value, CancellationToken cancellationToken)
    {
        var bytes = Compress(value);
        var rows = new List<TableEntity>();
        for (var start = 0; start == 0 || start < bytes.Length; start += RowBytes)
        {
            var entity = new TableEntity(partition, Key(prefix, rows.Count));
            BinaryChunks.Write(entity, "Data", bytes.AsSpan(start, Math.Min(RowBytes, bytes.Length - start)));
            rows.Add(entity);
        }

        rows[0]["Rows"] = rows.Count;
        foreach (var batch in rows.Chunk(RowsPerBatch))
        {
            await table.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), cancellationToken);
        }
    }

    /// <summary>The value under <paramref name="prefix"/>; default when it is not there (or incomplete).</summary>
    public static async Task<T?> ReadAsync<T>(TableClient table, string partition, string prefix, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix + "|"} and RowKey lt {prefix + "|~"}");
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 100, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        if (rows.Count == 0 || rows[0].GetInt32("Rows") != rows.Count)
        {
            return default;
        }

        using var buffer = new MemoryStream();
        foreach (var row in rows)
        {
            buffer.Write(BinaryChunks.Read(row, "Data"));
        }

        buffer.Position = 0;
        await using var unzip = new GZipStream(buffer, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<T>(unzip, HubJson.Options, cancellationToken);
    }

    /// <summary>Deletes the rows under <paramref name="prefix"/> (a superseded stock position).</summary>
    public static async Task DeleteAsync(TableClient table, string partition, string prefix, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {prefix + "|"} and RowKey lt {prefix + "|~"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, 100, ["PartitionKey", "RowKey"], cancellationToken))
        {
            await table.DeleteEntityAsync(partition, entity.RowKey, Azure.ETag.All, cancellationToken);
        }
    }

    private static byte[] Compress<T>(T value)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, value, HubJson.Options);
        }

        return buffer.ToArray();
    }

    private static string Key(string prefix, int row) => $"{prefix}|{row.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)}";
}
