using System.Text.Json.Nodes;
using Dms.Hub.Alerts;
using Dms.Hub.Common;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>
/// A registry entry: everything the hub needs to accept, track and route one kind of document — schema, rules,
/// state machine, commands, OEM events. HTTP, SOAP and storage are written once against this type.
/// </summary>
public abstract class DocumentType
{
    /// <summary>Stable name, e.g. <c>warranty-claim</c>; used in storage, routing configuration and messages.</summary>
    public abstract string Name { get; }

    /// <summary>Plural URL segment, e.g. <c>warranty-claims</c>.</summary>
    public abstract string RouteSegment { get; }

    public abstract string Title { get; }

    /// <summary>The name in PascalCase (<c>WarrantyClaim</c>): XML types and SOAP operations are named from it.</summary>
    public string PascalName => Names.Pascal(Name);

    public abstract string SchemaName { get; }

    /// <summary>Schema of the events the OEM posts back, if the OEM posts any.</summary>
    public abstract string? EventSchemaName { get; }

    /// <summary>
    /// Schema of what the OEM's events have recorded on a document (<see cref="DocumentRecord.Oem"/>): decision,
    /// payment, unwind answer … Channels that need a typed contract (SOAP) render the OEM data with it.
    /// </summary>
    public virtual string? StateSchemaName => null;

    public abstract StateMachine States { get; }

    /// <summary>Outbound message type sent when a document of this type is accepted.</summary>
    public abstract string SubmitMessage { get; }

    /// <summary>Code for "same number, different content" (409).</summary>
    public abstract string DuplicateNumberCode { get; }

    /// <summary>States in which the document no longer holds its reservations (cancelled, unwound, ...).</summary>
    public abstract IReadOnlySet<string> ReleasingStates { get; }

    public abstract IReadOnlyList<DocumentCommand> Commands { get; }

    /// <summary>The dealer commands a document in <paramref name="status"/> offers: those with a legal trigger there.</summary>
    public IReadOnlyList<DocumentCommand> CommandsAvailableIn(string status)
    {
        var legal = States.TriggersFrom(status);
        return Commands.Where(c => c.Triggers.Any(legal.Contains)).ToList();
    }

    public abstract Type ModelType { get; }

    /// <summary>Reads a schema-valid body into the canonical form; null if it cannot be read.</summary>
    public abstract CanonicalDocument? Canonicalize(JsonNode body);

    /// <summary>Runs every business rule and names the reservations the document needs.</summary>
    public abstract Task<RuleOutcome> CheckAsync(CanonicalDocument document, RuleContext context, CancellationToken cancellationToken);

    /// <summary>The reservations a stored body holds (to release them when the document no longer needs them).</summary>
    public abstract IReadOnlyList<Reservation> ReservationsOf(JsonObject body);

    /// <summary>Maps an OEM event (already schema-valid) onto a trigger and the data it records.</summary>
    public abstract OemEventPlan PlanOemEvent(DocumentRecord document, JsonObject oemEvent);

    /// <summary>Everything a stored document holds, released once it reaches a releasing state (by default what its body names).</summary>
    public virtual IReadOnlyList<Reservation> ReservationsHeld(DocumentRecord document) => ReservationsOf(document.Body);

    /// <summary>The vehicle a stored document is about, if any: documents about one VIN can show each other.</summary>
    public virtual string? VinOf(DocumentRecord document) => null;

    /// <summary>
    /// The key a document of this type holds in its VIN's reservation scope when it holds exactly one and always the
    /// same (an RDR's retail record): a document looking for this type's documents about a VIN reads that row by its key
    /// instead of listing the scope. Null: listed.
    /// </summary>
    public virtual string? VinKey => null;

    /// <summary>Triggers fired on this type's documents when other documents about the same vehicle change.</summary>
    public virtual IReadOnlyList<DocumentReaction> Reactions => [];

    /// <summary>Values stored with each document row so lists can filter by them.</summary>
    public virtual IReadOnlyList<SummaryField> SummaryFields => [];

    /// <summary>
    /// Statuses a notification about this type may carry besides its states: a periodic report's escalation notice
    /// speaks of a reporting slot (Expected, Received, Late), not of a stored version. Published in the SOAP contract.
    /// </summary>
    public virtual IReadOnlyList<string> NoticeStatuses => [];

    /// <summary>Business conditions watched on each document (raised once, cleared when they end).</summary>
    public virtual IReadOnlyList<AlertRule> AlertRules => [];

    /// <summary>Effects outside the document's partition after a committed transition (idempotent, may be repeated).</summary>
    public virtual Task AfterTransitionAsync(DocumentRecord document, Transition transition, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
