using System.Text.Json.Nodes;
using Dms.Hub.Registry;
using Dms.Hub.Storage;
using Dms.Hub.Work;
using Microsoft.Extensions.DependencyInjection;

namespace Dms.Hub.Workflow;

/// <summary>
/// Keeps what is derived from a document in step with it, inside the commit that changes it: its summary fields
/// (stored with the row, so lists filter server-side) and its alert timers. A timer is a work item due when an alert
/// rule's deadline comes — or at once when a watched condition ends, so an open alert is cleared — and the document
/// remembers each timer's due time, so an unchanged condition never schedules a second one.
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
            var due = rule.Evaluate(document)?.DueAt;
            DateTimeOffset? known = document.Timers.TryGetValue(rule.Code, out var at) ? at : null;
            if (due == known)
            {
                continue;
            }

            if (due is { } next)
            {
                document.Timers[rule.Code] = next;
            }
            else
            {
                document.Timers.Remove(rule.Code);
            }

            changes.NewWork.Add(workflow.Schedule(WorkKinds.Timer, document, new JsonObject { ["rule"] = rule.Code }, null, due));
        }
    }
}
