using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

public enum SummaryFieldKind
{
    /// <summary>Filtered by equality: <c>?{name}=value</c>.</summary>
    Text,

    /// <summary><c>true</c> or <c>false</c>: <c>?{name}=true</c>.</summary>
    Flag,

    /// <summary>An ISO date (<c>yyyy-MM-dd</c>): <c>?{name}Before=</c> (strictly before) and <c>?{name}After=</c> (on or after).</summary>
    Date,
}

/// <summary>
/// A value a document type lists and filters by (model, ETA, on hold ...). It is computed from the document on every
/// commit and stored with the document row, so lists filter server-side and page like any other query.
/// </summary>
/// <param name="Name">camelCase; also the query parameter (dates add <c>Before</c>/<c>After</c>).</param>
/// <param name="Values">For text fields with a closed vocabulary: the values a filter may name.</param>
/// <param name="ChangesAt">
/// For a value that changes with time alone (an acknowledgement becoming overdue): when it next changes. A durable
/// timer re-commits the document then, so the stored value (and every filter on it) follows the clock.
/// </param>
public sealed record SummaryField(
    string Name,
    SummaryFieldKind Kind,
    string Description,
    Func<DocumentRecord, string?> Read,
    IReadOnlyList<string>? Values = null,
    Func<DocumentRecord, DateTimeOffset?>? ChangesAt = null)
{
    /// <summary>The key of this field's timer among a document's timers (beside the alert rules' codes).</summary>
    public string TimerKey => "field:" + Name;
}
