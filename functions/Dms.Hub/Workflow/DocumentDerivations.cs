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
/// time, so an unchanged condition never schedules a second one.
/// </summary>
public sealed class DocumentDerivations(IServiceProvider services, DocumentWorkflow workflow)
{
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

        if (due is { } next)
        {
            document.Timers[key] = next;
        }
        else
        {
            document.Timers.Remove(key);
        }

        if (due is not null || always)
        {
            changes.NewWork.Add(workflow.Schedule(WorkKinds.Timer, document, new JsonObject { [argument] = name }, null, due));
        }
    }
}
