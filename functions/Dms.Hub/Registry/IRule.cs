using Dms.Hub.Validation;

namespace Dms.Hub.Registry;

/// <summary>A business rule for one document type. Rules add every violation they find; they never throw for bad input.</summary>
public interface IRule<in TDocument>
{
    ValueTask CheckAsync(TDocument document, RuleContext context, ICollection<ValidationError> errors, CancellationToken cancellationToken);
}
