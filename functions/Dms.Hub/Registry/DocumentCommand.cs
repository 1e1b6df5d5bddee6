using System.Text.Json.Nodes;
using Dms.Hub.Common;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>A dealer action on an existing document (cancel, resubmit, appeal, unwind): body schema plus a plan.</summary>
public abstract class DocumentCommand
{
    /// <summary>The URL segment after the tracking ID, e.g. <c>cancel</c> or <c>resubmissions</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The verb that names the command on message channels: the SOAP operation is the verb plus the type's name
    /// (<c>Cancel</c> → <c>CancelWarrantyClaim</c>). By default the name in PascalCase; override where the URL
    /// segment is a noun (<c>resubmissions</c> → <c>Resubmit</c>).
    /// </summary>
    public virtual string Verb => Names.Pascal(Name);

    /// <summary>
    /// What the command acts on when that is a part of the document, named after the type in the operation name
    /// (<c>Cancel</c> + <c>PartsOrder</c> + <c>Backorders</c>); empty when it acts on the document as a whole.
    /// </summary>
    public virtual string OperationSuffix => string.Empty;

    public abstract string Summary { get; }

    public abstract string SchemaName { get; }

    /// <summary>The triggers the command may fire: it is offered only where one of them is legal.</summary>
    public abstract IReadOnlyList<string> Triggers { get; }

    /// <summary>The operation name message channels use for this command on <paramref name="type"/>: verb, type, suffix.</summary>
    public string OperationName(DocumentType type) => Verb + type.PascalName + OperationSuffix;

    public abstract Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken);
}
