using Dms.Hub.Workflow;

namespace Dms.Hub.Alerts;

/// <summary>
/// A business condition watched on every document of a type (accepted but not scheduled too long, ETA slipped, hold
/// too old ...). <paramref name="Evaluate"/> says from when the document breaches it — a time in the future for a
/// deadline — or null while it does not apply. The hub keeps a durable timer per document and rule, raises the alert
/// once when the time comes and clears it when the condition ends.
/// </summary>
/// <param name="Code">Stable, upper snake case (ORDER_NOT_SCHEDULED); part of the alert's ID.</param>
public sealed record AlertRule(string Code, string Title, Func<DocumentRecord, AlertCondition?> Evaluate);

/// <summary>When a document breaches a rule, and what to tell the operator about it.</summary>
public sealed record AlertCondition(DateTimeOffset DueAt, string Message);
