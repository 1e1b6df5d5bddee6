namespace Dms.Hub.Work;

/// <summary>Work that exhausted its attempts or failed for good, kept with its reason until an operator replays it.</summary>
public sealed record DeadLetter(WorkItem Item, string Reason, DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt, string? ReplayWorkId, string ETag)
{
    /// <summary>Public ID: the dealer code locates the partition, the work ID the row.</summary>
    public string Id => MakeId(Item.DealerCode, Item.Id);

    public static string MakeId(string dealerCode, string workId) => $"{dealerCode}.{workId}";

    public static bool TryParseId(string id, out string dealerCode, out string workId)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        dealerCode = dot > 0 ? id[..dot] : string.Empty;
        workId = dot > 0 ? id[(dot + 1)..] : string.Empty;
        return dot > 0 && dealerCode.Length <= 16 && Common.Ids.IsUlid(workId);
    }
}
