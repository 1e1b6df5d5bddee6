using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Dms.Hub.Work;

namespace Dms.Adapters.AzureStorage.Internal;

/// <summary>Pending work (<c>w|</c>) and dead letters (<c>x|</c>) as rows in their dealer's partition.</summary>
internal static class WorkRows
{
    public static TableEntity ToEntity(string partition, WorkItem item) => Fill(new TableEntity(partition, RowKeys.Work(item.Id)), item);

    public static TableEntity DeadLetterEntity(string partition, WorkItem item, string reason, DateTimeOffset at)
    {
        var entity = Fill(new TableEntity(partition, RowKeys.DeadLetter(item.Id)), item);
        entity["Reason"] = reason.Length > 4000 ? reason[..4000] : reason;
        entity["DeadLetteredAt"] = at.UtcDateTime;
        return entity;
    }

    public static TableEntity ReplayedEntity(string partition, DeadLetter letter)
    {
        var entity = DeadLetterEntity(partition, letter.Item, letter.Reason, letter.DeadLetteredAt);
        entity["ReplayedAt"] = letter.ReplayedAt?.UtcDateTime;
        entity["ReplayWorkId"] = letter.ReplayWorkId;
        entity.ETag = new Azure.ETag(letter.ETag);
        return entity;
    }

    public static WorkItem FromEntity(TableEntity e) => new(
        e.GetString("WorkId"),
        e.GetString("Kind"),
        e.GetString("DealerCode"),
        e.GetString("DocumentType"),
        e.GetString("TrackingId"),
        JsonNode.Parse(e.GetString("Args") ?? "{}")!.AsObject(),
        e.GetDateTimeOffset("CreatedAt") ?? default,
        e.GetDateTimeOffset("DueAt") ?? default,
        e.GetString("CorrelationId"),
        e.GetInt32("Attempt") ?? 0,
        e.GetString("LastError"),
        e.GetDateTimeOffset("LeasedUntil"),
        e.ETag == default ? null : e.ETag.ToString());

    public static DeadLetter DeadLetterFromEntity(TableEntity e) => new(
        FromEntity(e),
        e.GetString("Reason") ?? string.Empty,
        e.GetDateTimeOffset("DeadLetteredAt") ?? default,
        e.GetDateTimeOffset("ReplayedAt"),
        e.GetString("ReplayWorkId"),
        e.ETag.ToString());

    private static TableEntity Fill(TableEntity entity, WorkItem item)
    {
        entity["WorkId"] = item.Id;
        entity["Kind"] = item.Kind;
        entity["DealerCode"] = item.DealerCode;
        entity["DocumentType"] = item.DocumentType;
        entity["TrackingId"] = item.TrackingId;
        entity["Args"] = item.Args.ToJsonString();
        entity["CreatedAt"] = item.CreatedAt.UtcDateTime;
        entity["DueAt"] = item.DueAt.UtcDateTime;
        entity["CorrelationId"] = item.CorrelationId;
        entity["Attempt"] = item.Attempt;
        entity["LastError"] = item.LastError is { Length: > 2000 } e ? e[..2000] : item.LastError;
        entity["LeasedUntil"] = item.LeasedUntil?.UtcDateTime;
        return entity;
    }
}
