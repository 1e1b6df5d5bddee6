using System.Text.Json;
using Azure.Data.Tables;
using Dms.Hub.Insights;

namespace Dms.Adapters.AzureStorage.Internal.Insights;

/// <summary>Projection receipts (<c>~r|{trackingId}</c>): what is counted, what is being projected, which rows of a large change are done.</summary>
internal static class ReceiptRows
{
    public static TableEntity ToEntity(ProjectionReceipt receipt, IReadOnlyCollection<string> applied)
    {
        var entity = new TableEntity(CounterRows.Partition, CounterRows.ReceiptKey(receipt.TrackingId))
        {
            ["Applied"] = applied.Count == 0 ? null : JsonSerializer.Serialize(applied),
        };
        FactsJson.Write(entity, "Counted", receipt.Counted);
        FactsJson.Write(entity, "Target", receipt.Target);
        return entity;
    }

    public static (ProjectionReceipt Receipt, IReadOnlyList<string> Applied) FromEntity(TableEntity entity) =>
        (new ProjectionReceipt(entity.RowKey[CounterRows.ReceiptPrefix.Length..], FactsJson.Read(entity, "Counted"), FactsJson.Read(entity, "Target")!, entity.ETag.ToString()),
         entity.GetString("Applied") is { Length: > 0 } json ? JsonSerializer.Deserialize<List<string>>(json) ?? [] : []);
}
