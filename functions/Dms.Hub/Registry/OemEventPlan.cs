using Dms.Hub.Validation;
using Dms.Hub.Workflow;

namespace Dms.Hub.Registry;

/// <summary>How an OEM event changes a document: the trigger to fire and what to record, or why it is refused.</summary>
public sealed record OemEventPlan(string Trigger, IReadOnlyList<ValidationError> Errors, Action<DocumentRecord>? Apply = null);
