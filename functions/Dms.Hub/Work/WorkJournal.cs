using System.Text.Json.Nodes;
using Dms.Hub.Common;

namespace Dms.Hub.Work;

/// <summary>
/// The work a batch file's rows cause, recorded in one row per entity-group transaction instead of one row each: the
/// transaction that takes a group of rows in writes their documents and one journal that lists their work items
/// (delivery, sales rollup …), all leased to this process at birth. The items run right after the commit
/// (<see cref="InlineWork"/>), exactly as items with rows of their own would; once every one of them has settled, the
/// journal is deleted — one delete for the group instead of one per item.
/// </summary>
/// <remarks>
/// Why: every row deleted (or replaced) in the documents table is, on Azurite, a walk over both key indexes of the whole
/// table (LokiJS), so its cost grows with what is stored; a file row's delivery and rollup items were two inserts and
/// two such deletes. On Azure the items were operations inside the same transactions, so there it saves little but
/// operations per transaction (more rows fit one).
/// What holds as before: the items are durable with the documents (same transaction). An item that settles otherwise
/// than by completing gets a row of its own then (a retry, a deferral, a dead letter: <see cref="WorkItem.Journal"/>
/// tells the store to add rather than update). Should the process stop before the journal is deleted, its lease ends
/// and the recovery sweep hands it to <see cref="JournalHandler"/>, which gives every member a row of its own (their
/// first attempt stays counted) and deletes the journal; members that had finished run again and find nothing to do
/// (a delivery already delivered, a rollup of the same revision), as after a crash before an ordinary completion.
/// </remarks>
public static class WorkJournal
{
    /// <summary>Most characters of members one journal row carries (a string property holds 64 KiB of UTF-16).</summary>
    public const int MaxChars = 24_000;

    /// <summary>A journal of <paramref name="members"/> (one dealer), leased to this process as long as they are.</summary>
    public static WorkItem For(string dealerCode, IReadOnlyList<WorkItem> members, DateTimeOffset now)
    {
        var list = new JsonArray(members.Select(m => (JsonNode)Recorded(m)).ToArray());
        return new WorkItem(Ids.NewUlid(now), WorkKinds.Journal, dealerCode, null, null, new JsonObject { ["members"] = list }, now, now, null,
            Attempt: 1, LeasedUntil: members.Min(m => m.LeasedUntil) ?? now);
    }

    /// <summary>How many characters <paramref name="member"/> takes in a journal.</summary>
    public static int SizeOf(WorkItem member) => Recorded(member).ToJsonString().Length;

    /// <summary>The members a journal lists, as they were created (no row, no ETag).</summary>
    public static IReadOnlyList<WorkItem> Members(WorkItem journal) =>
        journal.Args["members"] is JsonArray members ? [.. members.Select(WorkItemJson.ReadRecorded).OfType<WorkItem>()] : [];

    private static JsonObject Recorded(WorkItem member)
    {
        var json = WorkItemJson.Write(member with { ETag = null, Journal = null });
        json.Remove("etag");
        return json;
    }
}
