using Dms.Hub.Registry;
using Dms.Hub.Validation;

namespace Dms.Hub.WarrantyClaims.Rules;

/// <summary>Exactly one part is the cause of the failure.</summary>
internal sealed class CausalPartRule : IRule<WarrantyClaim>
{
    public ValueTask CheckAsync(WarrantyClaim document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken)
    {
        var causal = document.PartLines.Select((line, index) => (line, index)).Where(p => p.line.Causal).ToList();
        if (causal.Count == 0)
        {
            errors.Add(new("/partLines", ErrorCodes.MainPartMissing, "Exactly one part line must be marked causal; none is."));
        }

        foreach (var (_, index) in causal.Skip(1))
        {
            errors.Add(new(JsonPointer.Append("/partLines", index) + "/causal", ErrorCodes.MultipleMainParts, "Only one part line may be marked causal."));
        }

        return ValueTask.CompletedTask;
    }
}
