using System.Text.Json.Nodes;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>A dealer action on an existing document (cancel, resubmit, appeal, unwind): body schema plus a plan.</summary>
public abstract class DocumentCommand
{
    /// <summary>The URL segment after the tracking ID, e.g. <c>cancel</c> or <c>resubmissions</c>.</summary>
    public abstract string Name { get; }

    public abstract string Summary { get; }

    public abstract string SchemaName { get; }

    /// <summary>The triggers the command may fire: it is offered only where one of them is legal.</summary>
    public abstract IReadOnlyList<string> Triggers { get; }

    public abstract Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken);
}
