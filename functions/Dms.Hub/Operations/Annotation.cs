using Dms.Hub.Insights;

namespace Dms.Hub.Operations;

/// <summary>
/// An operator's note on a subject — a document (<c>doc:{trackingId}</c>), a failure group
/// (<c>group:{code}|{stage}|{destination}</c>) or one failure (<c>failure:{key}</c>). Internal: never shown to dealers.
/// </summary>
public sealed record Note(string Id, string Subject, DateTimeOffset At, string AuthorId, string AuthorName, string Text)
{
    public static string ForDocument(string trackingId) => "doc:" + trackingId;

    public static string ForGroup(string code, string stage, string destination) => $"group:{code}|{stage}|{destination}";

    public static string ForFailure(string key) => "failure:" + key;
}

/// <summary>Who looks after a subject now, since when, assigned by whom.</summary>
public sealed record Assignment(string Subject, string Assignee, string AssignedBy, DateTimeOffset At);

/// <summary>A failure an operator decided not to replay, with why; it leaves the open failures (and can come back).</summary>
/// <param name="Failure">The failure as it was when archived — its group and time, so the page subtracts it from the
/// pre-counted groups while it stays open (null in annotations written before it was recorded).</param>
public sealed record Archived(string FailureKey, string By, string Reason, DateTimeOffset At, Failure? Failure = null)
{
    /// <summary>The archived failures by key, as the failure pages take them.</summary>
    public static IReadOnlyDictionary<string, Failure?> Failures(IReadOnlyDictionary<string, Archived> archived) =>
        archived.ToDictionary(a => a.Key, a => a.Value.Failure, StringComparer.Ordinal);
}
