using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Workflow;

/// <summary>
/// Keeps what is derived from a document in step with it, inside the commit that changes it: its summary fields
/// (stored with the row, so lists filter server-side), its alert timers and the timers of fields that change with
/// time. A timer is a work item due when an alert rule's deadline comes — or at once when a watched condition ends,
/// so an open alert is cleared — or when a field's value changes by itself; the document remembers each timer's due
/// time, so an unchanged condition never schedules a second one. A condition that ends before any of its deadlines
/// came cannot have raised an alert (only a timer at or after a deadline raises), so it schedules no clearing timer:
/// the document remembers that a deadline passed (<see cref="PassedSuffix"/>) until the condition ends.
/// </summary>
public sealed class DocumentDerivations(IServiceProvider services, DocumentWorkflow workflow)
{
    /// <summary>Marks a timer whose deadline has passed while its condition held: an alert may be open.</summary>
    public const string PassedSuffix = "|passed";

    // Instances' clocks differ a little: a deadline this close ahead may have passed on another instance already.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    private readonly Lazy<DocumentTypeRegistry> _types = new(services.GetRequiredService<DocumentTypeRegistry>);

    public void Prepare(ChangeSet changes)
    {
        if (changes.Document is not { } document || !_types.Value.TryGet(document.DocumentType, out var type))
        {
            return;
        }

        document.Fields = type.SummaryFields
            .Select(field => (field.Name, Value: field.Read(document)))
            .Where(field => field.Value is not null)
            .ToDictionary(field => field.Name, field => field.Value!, StringComparer.Ordinal);

        foreach (var rule in type.AlertRules)
        {
            Time(changes, document, rule.Code, rule.Evaluate(document)?.DueAt, "rule", rule.Code, always: true);
        }

        foreach (var field in type.SummaryFields.Where(f => f.ChangesAt is not null))
        {
            Time(changes, document, field.TimerKey, field.ChangesAt!(document), "field", field.Name, always: false);
        }
    }

    /// <summary>
    /// Schedules a timer when its due time changed. An alert rule's timer also runs at once when its condition ends
    /// (<paramref name="always"/>), to clear an open alert; a field's only when a change is due.
    /// </summary>
    private void Time(ChangeSet changes, DocumentRecord document, string key, DateTimeOffset? due, string argument, string name, bool always)
    {
        DateTimeOffset? known = document.Timers.TryGetValue(key, out var at) ? at : null;
        if (due == known)
        {
            return;
        }

        if (always && known is { } deadline && deadline <= workflow.Now + ClockSkew)
        {
            document.Timers[key + PassedSuffix] = deadline;
        }

        if (due is { } next)
        {
            document.Timers[key] = next;
        }
        else
        {
            document.Timers.Remove(key);
        }

        var clear = due is null && always && document.Timers.Remove(key + PassedSuffix);
        if (due is not null || clear)
        {
            changes.NewWork.Add(workflow.Schedule(WorkKinds.Timer, document, new JsonObject { [argument] = name }, null, due));
        }
    }
}
