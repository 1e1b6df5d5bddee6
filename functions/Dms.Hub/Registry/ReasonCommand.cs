using System.Text.Json.Nodes;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>
/// A command whose body is just a reason code and comment (document-command.v1). The trigger is fixed, or chosen
/// from the document by <paramref name="chooseTrigger"/> (an unwind within 90 days versus one needing approval).
/// </summary>
/// <param name="verb">The command's verb when its URL segment is a noun (<c>appeals</c> → <c>Appeal</c>).</param>
public sealed class ReasonCommand(string name, string summary, IReadOnlyList<string> triggers, Func<DocumentRecord, RuleContext, CommandPlan> chooseTrigger, string? verb = null) : DocumentCommand
{
    public const string BodySchema = "document-command.v1";

    public ReasonCommand(string name, string summary, string trigger, string? verb = null)
        : this(name, summary, [trigger], (_, _) => new CommandPlan(trigger, []), verb)
    {
    }

    public override string Verb => verb ?? base.Verb;

    public override IReadOnlyList<string> Triggers => triggers;

    public override string Name => name;

    public override string Summary => summary;

    public override string SchemaName => BodySchema;

    public override Task<CommandPlan> PlanAsync(DocumentRecord document, JsonNode body, RuleContext context, CancellationToken cancellationToken)
    {
        var plan = chooseTrigger(document, context);
        var details = new JsonObject { ["reason"] = body["reason"]?.DeepClone(), ["comment"] = body["comment"]?.DeepClone() };
        return Task.FromResult(plan with { Details = details });
    }
}
