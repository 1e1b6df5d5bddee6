using System.Globalization;
using Azure.Data.Tables;
using Dms.Hub.Operations;

namespace Dms.Adapters.AzureStorage.Internal.Operations;

/// <summary>
/// The audit trail: partition = UTC month, row = inverted time + ID, so a month reads newest first and a range walks
/// months backwards. Records are only ever added.
/// </summary>
internal sealed class TableAuditLog(TableSet tables) : IAuditLog
{
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        await tables.Audit.AddEntityAsync(new TableEntity(Month(record.At), RowKey(record.At, record.Id))
        {
            [nameof(AuditRecord.Id)] = record.Id,
            [nameof(AuditRecord.At)] = record.At.UtcDateTime,
            [nameof(AuditRecord.ActorId)] = record.ActorId,
            [nameof(AuditRecord.ActorName)] = record.ActorName,
            [nameof(AuditRecord.Role)] = record.Role,
            [nameof(AuditRecord.Action)] = record.Action,
            [nameof(AuditRecord.Target)] = Cap(record.Target, 1000),
            [nameof(AuditRecord.Reason)] = record.Reason is null ? null : Cap(record.Reason, 2000),
            [nameof(AuditRecord.Count)] = record.Count,
            [nameof(AuditRecord.Details)] = record.Details is null ? null : Cap(record.Details, 16000),
        }, cancellationToken);

    public async Task<AuditPage> ListAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        var (resumeMonth, resumeKey) = Decode(query.ContinuationToken);
        var items = new List<(AuditRecord Record, string Month, string Key)>();
        for (var month = resumeMonth ?? Floor(query.To.AddTicks(-1)); month >= Floor(query.From) && items.Count <= query.PageSize; month = month.AddMonths(-1))
        {
            var partition = Month(month);
            var lower = resumeKey is not null && month == resumeMonth ? resumeKey + "~" : RowKey(query.To.AddTicks(-1), string.Empty);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {lower} and RowKey lt {RowKey(query.From, string.Empty) + "~"}");
            if (query.ActorId is { } actor)
            {
                filter += " and " + TableClient.CreateQueryFilter($"ActorId eq {actor}");
            }

            if (query.Action is { } action)
            {
                filter += " and " + TableClient.CreateQueryFilter($"Action eq {action}");
            }

            await foreach (var entity in tables.Audit.QueryAsync<TableEntity>(filter, Math.Min(1000, query.PageSize + 1), cancellationToken: cancellationToken))
            {
                items.Add((FromEntity(entity), partition, entity.RowKey));
                if (items.Count > query.PageSize)
                {
                    break;
                }
            }
        }

        var page = items.Take(query.PageSize).ToList();
        var token = items.Count > query.PageSize ? ContinuationTokens.Encode(page[^1].Month + "|" + page[^1].Key) : null;
        return new AuditPage(page.Select(i => i.Record).ToList(), token);
    }

    private static (DateTimeOffset? Month, string? Key) Decode(string? token)
    {
        var text = ContinuationTokens.Decode(token);
        if (text is null)
        {
            return (null, null);
        }

        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return bar == 6 && DateTime.TryParseExact(text[..6], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var month)
            ? (new DateTimeOffset(month, TimeSpan.Zero), text[(bar + 1)..])
            : throw new FormatException("Unknown continuation token.");
    }

    private static DateTimeOffset Floor(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static string RowKey(DateTimeOffset at, string id) => (DateTime.MaxValue.Ticks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + id;

    private static string Cap(string text, int max) => text.Length <= max ? text : text[..max];

    private static AuditRecord FromEntity(TableEntity e) => new(
        e.GetString(nameof(AuditRecord.Id)),
        e.GetDateTimeOffset(nameof(AuditRecord.At)) ?? default,
        e.GetString(nameof(AuditRecord.ActorId)),
        e.GetString(nameof(AuditRecord.ActorName)),
        e.GetString(nameof(AuditRecord.Role)),
        e.GetString(nameof(AuditRecord.Action)),
        e.GetString(nameof(AuditRecord.Target)),
        e.GetString(nameof(AuditRecord.Reason)),
        e.GetInt32(nameof(AuditRecord.Count)) ?? 0,
        e.GetString(nameof(AuditRecord.Details)));
}
